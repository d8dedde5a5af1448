import Foundation
import ImageOptions
import ImageSources
import MediaFormats

/// What an image request asks for, read from its path and headers once: the verified, parsed path with the
/// negotiated format applied, and whether the answer varies with Accept. Both the router's handler and the
/// cache-hit handler below the router start from it, so they answer alike.
struct ImageQuery: Sendable {
    /// The path, its options carrying the negotiated format.
    let path: ImagePath
    /// The format chosen from Accept, if any (part of the cache key).
    let negotiated: ImageFormat?
    /// Whether the answer must carry `Vary: Accept`.
    let varies: Bool
    /// The result cache's key for this query, made once.
    let cacheKey: CacheKey
    /// The head of its plain memory-hit answer, once built (shared by every copy of this query).
    let hitHead = PreparedHitHead()

    /// Verifies and parses a request target (the path, and the query that only the query form reads), refuses an
    /// expired `exp:`, and negotiates the format.
    init(target: Substring, accept: String?, configuration: ServerConfiguration) throws {
        let mark = target.firstIndex(of: "?")
        let query = mark.map { target[target.index(after: $0)...] }
        var path = try SignedRequestPath(target[..<(mark ?? target.endIndex)], query: query, configuration: configuration).path
        if let expires = path.options.expires, Date().timeIntervalSince1970 > Double(expires) {
            throw SourceError.expired
        }
        if !path.options.sourceLimits.isEmpty, !configuration.allowSecurityOptions {
            throw ForbiddenOptionError.securityOptions
        }
        if let mark = path.options.watermark, mark.source == nil, configuration.watermark == nil {
            throw OptionsError.noWatermarkImage
        }
        let negotiation = FormatNegotiation(autoJXL: configuration.autoJXL, autoAVIF: configuration.autoAVIF, autoWebP: configuration.autoWebP)
        varies = negotiation.varies(path.options)
        negotiated = negotiation.format(for: path.options, accept: accept)
        let animationFormat = negotiation.animationFormat(for: path.options, accept: accept)
        if let negotiated {
            path.options.format = negotiated
            path.options.formatIsNegotiated = true
            path.options.negotiatedAnimationFormat = animationFormat
        }
        self.path = path
        cacheKey = CacheKey(source: path.source, options: path.options, negotiatedFormat: negotiated,
                            animationFormat: animationFormat)
    }
}
