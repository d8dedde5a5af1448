import MediaFormats
import NIOCore

/// A finished answer as the caches keep it. The body is a `ByteBuffer`, so a hit is answered without a copy.
struct CachedResult: Sendable {
    let buffer: ByteBuffer
    /// What the body holds; the Content-Type comes from it.
    let format: ImageFormat
    /// SHA-256 of the body, computed once: the ETag and the disk entry's checksum.
    let digest: ContentDigest
    let lastModified: String
    /// Strong ETag (quoted), from the body's digest.
    let etag: String

    /// A new answer: hashes the body once.
    init(body: [UInt8], format: ImageFormat, lastModified: String) {
        self.init(buffer: ByteBuffer(bytes: body), format: format, digest: ContentDigest(of: body),
                  lastModified: lastModified)
    }

    /// An answer whose digest is already known (read back and verified from disk).
    init(buffer: ByteBuffer, format: ImageFormat, digest: ContentDigest, lastModified: String) {
        self.buffer = buffer
        self.format = format
        self.digest = digest
        self.lastModified = lastModified
        etag = digest.etag
    }

    /// The MIME type for Content-Type.
    var contentType: String { format.mimeType }
    /// The body bytes (a copy; for disk writes and tests).
    var body: [UInt8] { Array(buffer.readableBytesView) }
}
