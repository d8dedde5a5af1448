import ImageOptions

/// A request path after its route prefix, split once into the signature segment and the part it signs, verified
/// once, then parsed into typed options: what both the image and the info routes start from.
struct SignedRequestPath: Sendable {
    /// The parsed path: options (presets applied) and source.
    let path: ImagePath

    /// Splits, verifies and parses `rawPath` (`/{signature}/{options}/{source}`), or throws `SignatureError` or
    /// `OptionsError`.
    init(_ rawPath: Substring, signer: URLSigner, presets: PresetTable) throws {
        let afterSlash = rawPath.drop { $0 == "/" }
        let signature = String(afterSlash.prefix { $0 != "/" })
        // What the signature covers: the path after the signature segment, leading `/` included.
        let signedPart = String(afterSlash.dropFirst(signature.count))
        guard signer.verify(signature: signature, path: signedPart) else { throw SignatureError() }
        path = try ImagePath(parsing: rawPath, presets: presets)
    }
}
