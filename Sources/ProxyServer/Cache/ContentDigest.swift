import Crypto
import Foundation

/// The SHA-256 of some bytes, computed once and used for every purpose that needs it: the strong ETag of an
/// answer, the checksum of its disk entry, and file names of the disk tier.
struct ContentDigest: Sendable, Hashable {
    /// The 32 digest bytes.
    let bytes: [UInt8]

    /// Hashes `data`.
    init(of data: some DataProtocol) {
        bytes = Array(SHA256.hash(data: data))
    }

    /// Takes 32 bytes read back from storage; nil for any other length.
    init?(stored bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Lower-case hex of all 32 bytes.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The strong ETag (quoted) of a body with this digest: its first 128 bits in hex.
    var etag: String { "\"" + hex.prefix(32) + "\"" }

    /// Lower-case hex SHA-256 of a string's UTF-8 bytes (cache file and folder names).
    static func hex(of text: String) -> String { ContentDigest(of: Array(text.utf8)).hex }
}
