import MediaFormats

/// Source bytes, the format their magic bytes announce (sniffed once, on the first bytes read), and the origin's
/// caching headers.
public struct FetchedSource: Sendable {
    public let bytes: [UInt8]
    /// The format sniffed from the first bytes; the pipeline probes the header of this format without sniffing
    /// again. nil when a local file's magic bytes named none (the pipeline then refuses it or reads it as SVG).
    public let format: ImageFormat?
    /// The origin's ETag, Last-Modified and Cache-Control, for the caches.
    public let etag: String?
    public let lastModified: String?
    public let cacheControl: String?

    public init(bytes: [UInt8], format: ImageFormat?, etag: String? = nil, lastModified: String? = nil,
                cacheControl: String? = nil) {
        self.bytes = bytes
        self.format = format
        self.etag = etag
        self.lastModified = lastModified
        self.cacheControl = cacheControl
    }
}

/// What a cached copy of a source was served with, for a conditional request to the origin.
public struct SourceValidators: Sendable, Hashable {
    public let etag: String?
    public let lastModified: String?

    public init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// Whether there is anything to revalidate with.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}
