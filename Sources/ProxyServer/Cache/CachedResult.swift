import Foundation
import ImageOptions

/// A finished answer as the caches keep it.
struct CachedResult: Sendable, Codable {
    let body: [UInt8]
    let contentType: String
    /// Strong ETag (quoted): a hash of the body.
    let etag: String
    let lastModified: String

    /// Metadata without the body, stored in front of it on disk.
    struct Header: Codable {
        let contentType: String
        let etag: String
        let lastModified: String
    }

    init(body: [UInt8], contentType: String, lastModified: String) {
        self.body = body
        self.contentType = contentType
        etag = "\"" + CacheKey.hex(body).prefix(32) + "\""
        self.lastModified = lastModified
    }

    init(body: [UInt8], header: Header) {
        self.body = body
        contentType = header.contentType
        etag = header.etag
        lastModified = header.lastModified
    }

    var header: Header { Header(contentType: contentType, etag: etag, lastModified: lastModified) }
}
