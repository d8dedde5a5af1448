/// Source bytes with the origin's caching headers.
public struct FetchedSource: Sendable {
    public let bytes: [UInt8]
    /// The origin's ETag, Last-Modified and Cache-Control, for the caches.
    public let etag: String?
    public let lastModified: String?
    public let cacheControl: String?

    public init(bytes: [UInt8], etag: String? = nil, lastModified: String? = nil, cacheControl: String? = nil) {
        self.bytes = bytes
        self.etag = etag
        self.lastModified = lastModified
        self.cacheControl = cacheControl
    }
}
