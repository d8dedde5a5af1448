import Foundation
import HTTPTypes
import ImageOptions
import MediaFormats

/// The status and headers of an image answer, the same whichever path writes it.
struct ImageAnswer: Sendable {
    /// 200, or 304 when the request's validators match.
    let status: HTTPResponse.Status
    let headers: HTTPFields

    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!

    init(_ result: CachedResult, query: ImageQuery, hit: Bool, requestHeaders: HTTPFields, policy: AnswerPolicy) {
        let options = query.path.options
        var headers: HTTPFields = [
            .contentType: result.contentType,
            .cacheControl: options.expires.map { "public, max-age=\(Self.maxAge(until: $0, policy: policy))" }
                ?? policy.cacheControl,
            .eTag: result.etag,
            .lastModified: result.lastModified,
            Self.contentTypeOptions: "nosniff",
        ]
        if let name = policy.cacheStatusName { headers[name] = hit ? "HIT" : "MISS" }
        if query.varies { headers[.vary] = "Accept" }
        if let disposition = Self.contentDisposition(options, format: result.format) {
            headers[.contentDisposition] = disposition
        }
        let notModified = ConditionalRequest(requestHeaders).isNotModified(etag: result.etag,
                                                                          lastModified: result.lastModified)
        status = notModified ? .notModified : .ok
        self.headers = headers
    }

    /// The configured max-age, shortened to what is left until an `exp:` time.
    private static func maxAge(until expires: Int, policy: AnswerPolicy) -> Int {
        max(0, min(policy.cacheMaxAge, expires - Int(Date().timeIntervalSince1970)))
    }

    private static func contentDisposition(_ options: ProcessingOptions, format: ImageFormat) -> String? {
        guard options.filename != nil || options.returnAttachment else { return nil }
        let base = (options.filename ?? "image").filter { $0.isLetter || $0.isNumber || "-_. ".contains($0) }
        let name = (base.isEmpty ? "image" : base) + "." + format.rawValue
        return "\(options.returnAttachment ? "attachment" : "inline"); filename=\"\(name)\""
    }
}
