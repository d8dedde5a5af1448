import Crypto

/// imgproxy-compatible URL signatures: URL-safe base64 of HMAC-SHA256(key, salt + path), optionally truncated.
///
/// Several key/salt pairs may be configured for rotation: a signature made with any of them is accepted, and
/// new signatures use the first. With no pairs, every signature is accepted.
public struct URLSigner: Sendable {
    /// One key with its salt.
    public struct KeyPair: Sendable, Hashable {
        public let key: [UInt8]
        public let salt: [UInt8]

        /// Parses hex-encoded key and salt; nil when either is not even-length hex or is empty.
        public init?(hexKey: String, hexSalt: String) {
            guard let key = Self.bytes(fromHex: hexKey), let salt = Self.bytes(fromHex: hexSalt), !key.isEmpty else {
                return nil
            }
            self.key = key
            self.salt = salt
        }

        static func bytes(fromHex text: String) -> [UInt8]? {
            let digits = Array(text.utf8)
            guard digits.count % 2 == 0 else { return nil }
            var bytes: [UInt8] = []
            for index in stride(from: 0, to: digits.count, by: 2) {
                guard let high = HexDigit.value(digits[index]), let low = HexDigit.value(digits[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
            }
            return bytes
        }
    }

    public let pairs: [KeyPair]
    /// Bytes of the digest kept before encoding (1-32); 32 is the whole digest.
    public let signatureSize: Int

    public init(pairs: [KeyPair], signatureSize: Int = 32) {
        self.pairs = pairs
        self.signatureSize = min(max(signatureSize, 1), 32)
    }

    /// Whether signatures are checked at all.
    public var isEnabled: Bool { !pairs.isEmpty }

    /// The signature for `path` (the part after the signature segment, leading `/` included) with the first pair.
    public func sign(_ path: String) -> String? {
        pairs.first.map { Base64URL.encode(digest(path, with: $0)) }
    }

    /// Whether `signature` is valid for `path` under any pair; always true when signing is off.
    /// Compares in constant time for a given length.
    public func verify(signature: String, path: String) -> Bool {
        guard isEnabled else { return true }
        guard let given = Base64URL.decode(signature), given.count == signatureSize else { return false }
        var matched = false
        for pair in pairs {
            matched = ConstantTime.equal(given, digest(path, with: pair)) || matched
        }
        return matched
    }

    private func digest(_ path: String, with pair: KeyPair) -> [UInt8] {
        let code = HMAC<SHA256>.authenticationCode(for: pair.salt + Array(path.utf8), using: SymmetricKey(data: pair.key))
        return Array(Array(code).prefix(signatureSize))
    }
}
