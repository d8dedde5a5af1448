import ImageOptions

/// A request path after its route prefix, split once into the signature segment and the part it signs, verified
/// once, then parsed into typed options: what both the image and the info routes start from. A path under the
/// thumbor prefix is read in thumbor's dialect, one under the query-form prefix with its query; nothing after
/// this knows which dialect was used.
struct SignedRequestPath: Sendable {
    /// The parsed path: options (presets applied) and source.
    let path: ImagePath

    /// Splits, verifies and parses `rawPath` (`/{signature}/{options}/{source}`), or throws `SignatureError` or
    /// `OptionsError`.
    init(_ rawPath: Substring, query: Substring?, configuration: ServerConfiguration) throws {
        if let prefix = configuration.queryFormPrefix, rawPath.hasPrefix(prefix + "/") {
            guard !configuration.presets.onlyPresets else { throw OptionsError.presetsOnly("the query form") }
            path = try Self.queryForm(rawPath.dropFirst(prefix.count), query: query ?? "", signer: configuration.signer)
            return
        }
        if let prefix = configuration.imgproxyPrefix, prefix != "/", rawPath.hasPrefix(prefix + "/") {
            path = try Self.imgproxy(rawPath.dropFirst(prefix.count), configuration: configuration)
            return
        }
        if let prefix = configuration.thumborPrefix, prefix == "/" || rawPath.hasPrefix(prefix + "/") {
            // thumbor's paths are all free-form: none is served where only presets are.
            guard !configuration.presets.onlyPresets else { throw OptionsError.presetsOnly("thumbor") }
            path = try Self.thumbor(rawPath.dropFirst(prefix == "/" ? 0 : prefix.count), signer: configuration.thumborSigner)
            return
        }
        guard configuration.imgproxyPrefix == "/" else { throw OptionsError.missingSource }
        path = try Self.imgproxy(rawPath, configuration: configuration)
    }

    /// An imgproxy path: its signature covers the path after the signature segment.
    private static func imgproxy(_ rawPath: Substring, configuration: ServerConfiguration) throws -> ImagePath {
        let afterSlash = rawPath.drop { $0 == "/" }
        let signature = String(afterSlash.prefix { $0 != "/" })
        // What the signature covers: the path after the signature segment, leading `/` included.
        let signedPart = String(afterSlash.dropFirst(signature.count))
        guard configuration.signer.verify(signature: signature, path: signedPart) else { throw SignatureError() }
        return try ImagePath(parsing: rawPath, presets: configuration.presets)
    }

    /// A query-form path: signed (`s=`) over the path and its sorted query, as the other dialect is, when keys
    /// are configured.
    private static func queryForm(_ rawPath: Substring, query: Substring, signer: URLSigner) throws -> ImagePath {
        let (source, options, signature) = try QueryForm.parse(path: rawPath, query: query)
        if signer.isEnabled {
            guard let signature, signer.verify(signature: signature, path: QueryForm.signedText(path: rawPath, query: query)) else {
                throw SignatureError()
            }
        }
        return ImagePath(signature: signature ?? "unsafe", options: options, source: source)
    }

    /// A thumbor path: its signature covers the rest of the path as sent, without the leading `/`.
    private static func thumbor(_ rawPath: Substring, signer: ThumborSigner) throws -> ImagePath {
        let afterSlash = rawPath.drop { $0 == "/" }
        let signature = afterSlash.prefix { $0 != "/" }
        guard signer.verifies(signature, for: afterSlash.dropFirst(signature.count).dropFirst()) else {
            throw SignatureError()
        }
        let (source, options) = try ThumborPath(parsing: rawPath).request()
        return ImagePath(signature: String(signature), options: options, source: source)
    }
}
