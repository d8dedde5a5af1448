import Foundation
import ImageSources
import MediaFormats
import NIOCore

/// Results shared by every instance through one bucket of an S3-compatible store (`--result-store`), asked
/// after the memory and disk tiers and before rendering. Each object carries its body's SHA-256 in its
/// metadata: a corrupt or partial object is not answered (the variant is rendered and written again). The store
/// being down costs a render, never an error.
struct SharedResultTier: Sendable {
    let objects: S3ObjectStore
    let maxBytes: Int
    /// How long a read or a write may take before it is given up.
    let timeout: TimeAmount = .seconds(2)

    /// Reads `s3://bucket/prefix` with the store settings of the sources.
    init?(location: String, store: S3Configuration?, maxBytes: Int) {
        guard let store, location.hasPrefix("s3://") else { return nil }
        let rest = location.dropFirst("s3://".count)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        objects = S3ObjectStore(store: store, bucket: String(bucket), prefix: String(rest.dropFirst(bucket.count)))
        self.maxBytes = maxBytes
    }

    private static func name(_ key: CacheKey) -> String { "\(key.source)/\(key.variant)" }

    /// The result, when the store has a whole one.
    func value(for key: CacheKey) async -> CachedResult? {
        guard let (bytes, metadata) = try? await objects.get(Self.name(key), maxBytes: maxBytes, deadline: .now() + timeout),
              let format = metadata["format"].flatMap(ImageFormat.init(rawValue:)),
              let lastModified = metadata["last-modified"] else { return nil }
        let digest = ContentDigest(of: bytes)
        guard metadata["sha256"] == digest.hex else { return nil }
        return CachedResult(buffer: ByteBuffer(bytes: bytes), format: format, digest: digest, lastModified: lastModified)
    }

    /// Writes the result; a failure is only logged by the caller's metrics (the next instance renders it).
    @discardableResult
    func store(_ result: CachedResult, for key: CacheKey) async -> Bool {
        let metadata = ["sha256": result.digest.hex, "format": result.format.rawValue, "last-modified": result.lastModified]
        return (try? await objects.put(Self.name(key), bytes: result.body, contentType: result.contentType,
                                       metadata: metadata, deadline: .now() + timeout)) != nil
    }
}
