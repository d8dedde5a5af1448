import Foundation
import ImageOptions
import NIOCore

/// A finished answer as the caches keep it. The body is a `ByteBuffer`, so a hit is answered without a copy.
struct CachedResult: Sendable {
    let buffer: ByteBuffer
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

    /// The body bytes (a copy; for disk writes and tests).
    var body: [UInt8] { Array(buffer.readableBytesView) }

    init(body: [UInt8], contentType: String, lastModified: String) {
        buffer = ByteBuffer(bytes: body)
        self.contentType = contentType
        etag = "\"" + CacheKey.hex(body).prefix(32) + "\""
        self.lastModified = lastModified
    }

    init(body: [UInt8], header: Header) {
        buffer = ByteBuffer(bytes: body)
        contentType = header.contentType
        etag = header.etag
        lastModified = header.lastModified
    }

    var header: Header { Header(contentType: contentType, etag: etag, lastModified: lastModified) }
}
