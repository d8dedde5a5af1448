import Foundation
import MediaFormats
import NIOCore

/// The file format of one disk cache entry:
/// `MPC2`, header length (u32, big-endian), header JSON, SHA-256 of the header JSON, body.
///
/// The header carries the body's SHA-256 (the same digest the ETag comes from), so writing hashes only the small
/// header, and reading checks the header's checksum and then the body against the digest it names.
enum DiskEntry {
    private struct Header: Codable {
        let format: ImageFormat
        let lastModified: String
        let digest: String
    }

    private static let magic: [UInt8] = Array("MPC2".utf8)

    /// The bytes to store for `result`.
    static func encode(_ result: CachedResult) -> [UInt8] {
        let header = Header(format: result.format, lastModified: result.lastModified, digest: result.digest.hex)
        let headerBytes = (try? JSONEncoder().encode(header)).map(Array.init) ?? []
        var content = magic
        content.reserveCapacity(magic.count + 4 + headerBytes.count + 32 + result.buffer.readableBytes)
        content += withUnsafeBytes(of: UInt32(headerBytes.count).bigEndian, Array.init)
        content += headerBytes
        content += ContentDigest(of: headerBytes).bytes
        content += result.buffer.readableBytesView
        return content
    }

    /// The stored answer, or nil unless the magic, lengths and both checksums agree.
    static func decode(_ bytes: [UInt8]) -> CachedResult? {
        guard bytes.count >= magic.count + 4 + 32, bytes.starts(with: magic) else { return nil }
        let headerLength = Int(bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        let headerEnd = 8 + headerLength
        guard headerLength > 0, headerEnd + 32 <= bytes.count else { return nil }
        let headerBytes = Array(bytes[8..<headerEnd])
        guard ContentDigest(of: headerBytes).bytes.elementsEqual(bytes[headerEnd..<(headerEnd + 32)]),
              let header = try? JSONDecoder().decode(Header.self, from: Data(headerBytes)) else { return nil }
        let body = bytes[(headerEnd + 32)...]
        let digest = ContentDigest(of: body)
        guard digest.hex == header.digest else { return nil }
        return CachedResult(buffer: ByteBuffer(bytes: body), format: header.format, digest: digest,
                            lastModified: header.lastModified)
    }
}
