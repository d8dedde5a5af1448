import Foundation
import HTTPTypes
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

    /// Verifies and parses `rawPath` (without its query), refuses an expired `exp:`, and negotiates the format.
    init(rawPath: Substring, accept: String?, configuration: ServerConfiguration) throws {
        var path = try SignedRequestPath(rawPath, signer: configuration.signer, presets: configuration.presets).path
        if let expires = path.options.expires, Date().timeIntervalSince1970 > Double(expires) {
            throw SourceError.expired
        }
        let negotiation = FormatNegotiation(autoAVIF: configuration.autoAVIF, autoWebP: configuration.autoWebP)
        varies = negotiation.varies(path.options)
        negotiated = negotiation.format(for: path.options, accept: accept)
        if let negotiated { path.options.format = negotiated }
        self.path = path
    }

    /// The result cache's key for this query.
    var cacheKey: CacheKey { CacheKey(source: path.source, options: path.options, negotiatedFormat: negotiated) }
}

/// The status and headers of an image answer, the same whichever path writes it.
struct ImageAnswer: Sendable {
    /// 200, or 304 when the request's validators match.
    let status: HTTPResponse.Status
    let headers: HTTPFields

    init(_ result: CachedResult, query: ImageQuery, hit: Bool, requestHeaders: HTTPFields,
         configuration: ServerConfiguration) {
        let options = query.path.options
        var headers: HTTPFields = [
            .contentType: result.contentType,
            .cacheControl: "public, max-age=\(Self.maxAge(options, configuration: configuration))",
            .eTag: result.etag,
            .lastModified: result.lastModified,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        if let name = configuration.cacheStatusHeader.flatMap({ HTTPField.Name($0) }) { headers[name] = hit ? "HIT" : "MISS" }
        if query.varies { headers[.vary] = "Accept" }
        if let disposition = Self.contentDisposition(options, format: result.format) {
            headers[.contentDisposition] = disposition
        }
        let notModified = ConditionalRequest(requestHeaders).isNotModified(etag: result.etag,
                                                                          lastModified: result.lastModified)
        status = notModified ? .notModified : .ok
        self.headers = headers
    }

    private static func maxAge(_ options: ProcessingOptions, configuration: ServerConfiguration) -> Int {
        guard let expires = options.expires else { return configuration.cacheMaxAge }
        return max(0, min(configuration.cacheMaxAge, expires - Int(Date().timeIntervalSince1970)))
    }

    private static func contentDisposition(_ options: ProcessingOptions, format: ImageFormat) -> String? {
        guard options.filename != nil || options.returnAttachment else { return nil }
        let base = (options.filename ?? "image").filter { $0.isLetter || $0.isNumber || "-_. ".contains($0) }
        let name = (base.isEmpty ? "image" : base) + "." + format.rawValue
        return "\(options.returnAttachment ? "attachment" : "inline"); filename=\"\(name)\""
    }
}
