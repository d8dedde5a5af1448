/// Limits and guards for fetching sources.
public struct SourceConfiguration: Sendable, Hashable {
    /// Largest source body accepted, in bytes (default 50 MB); larger bodies are cut off while streaming.
    public var maxBytes = 50 * 1024 * 1024
    /// A video body stops being read after this many bytes once they hold what its first frame needs (an MP4
    /// whose index comes last gets its tail by a range request); 0 reads every video whole.
    public var videoPrefixBytes = 8 * 1024 * 1024
    /// Time to connect to an origin.
    public var connectTimeout: Duration = .seconds(5)
    /// Redirects followed, each one checked like the first URL.
    public var maxRedirects = 5
    /// Which resolved addresses may be connected to.
    public var addressPolicy = AddressPolicy()
    /// When not empty, only source URLs starting with one of these prefixes are fetched.
    public var allowedPrefixes: [String] = []
    /// Folder served as `local:///`; nil disables local sources.
    public var localRoot: String?
    /// The store `s3://bucket/key` sources come from; nil disables them.
    public var s3: S3Configuration?
    /// Sent to origins instead of anything from the viewer.
    public var userAgent = "MediaProxy/0.1"

    public init() {}

    /// Whether `url` passes the allow-list (always, when the list is empty).
    public func isAllowed(_ url: String) -> Bool {
        allowedPrefixes.isEmpty || allowedPrefixes.contains { url.hasPrefix($0) }
    }
}
