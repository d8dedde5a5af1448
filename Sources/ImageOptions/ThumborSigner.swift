import Crypto

/// thumbor's URL signatures: URL-safe base64 (with padding) of HMAC-SHA1(key, the path after the signature).
public struct ThumborSigner: Sendable {
    /// The security key; nil accepts only `unsafe` paths when `allowsUnsafe`, and signs nothing.
    public let key: [UInt8]?
    /// Whether `unsafe` stands in for a signature.
    public let allowsUnsafe: Bool

    public init(key: String?, allowsUnsafe: Bool) {
        self.key = key.map { Array($0.utf8) }
        self.allowsUnsafe = allowsUnsafe
    }

    /// The signature of `unsignedPath` (no leading `/`), or nil without a key.
    public func signature(for unsignedPath: some StringProtocol) -> String? {
        guard let key else { return nil }
        let digest = HMAC<Insecure.SHA1>.authenticationCode(for: Array(unsignedPath.utf8), using: SymmetricKey(data: key))
        return Base64URL.encode(Array(digest), padded: true)
    }

    /// Whether `signature` is accepted for `unsignedPath`: `unsafe` when allowed, else the signature, compared in
    /// constant time.
    public func verifies(_ signature: some StringProtocol, for unsignedPath: some StringProtocol) -> Bool {
        if signature == "unsafe" { return allowsUnsafe }
        guard let expected = self.signature(for: unsignedPath) else { return false }
        return ConstantTime.equal(signature.utf8, expected.utf8)
    }
}
