import Foundation
import HTTPTypes
import ImageSources

/// If-None-Match / If-Modified-Since evaluation (RFC 9110 section 13): If-None-Match wins when present.
struct ConditionalRequest {
    let ifNoneMatch: String?
    let ifModifiedSince: String?

    init(_ headers: HTTPFields) {
        ifNoneMatch = headers[.ifNoneMatch]
        ifModifiedSince = headers[.ifModifiedSince]
    }

    /// Whether a 304 is the answer for a representation with these validators.
    func isNotModified(etag: String, lastModified: String) -> Bool {
        if let ifNoneMatch {
            let tags = ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return tags.contains("*") || tags.contains { $0 == etag || $0 == "W/" + etag }
        }
        guard let ifModifiedSince, let since = HTTPDate.parse(ifModifiedSince),
              let modified = HTTPDate.parse(lastModified) else { return false }
        return modified <= since
    }
}
