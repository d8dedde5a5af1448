/// A source could not be fetched. `label` is stable (metrics); `detail` is for logs only and may name the host.
public struct SourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure, each with its own HTTP status in the server.
    public enum Kind: String, Sendable, Hashable {
        case invalidURL = "invalid_source_url"
        case forbidden = "forbidden_source"
        case notFound = "source_not_found"
        case tooLarge = "source_too_large"
        case timeout = "source_timeout"
        case originFailure = "origin_failure"
        case notAnImage = "source_not_an_image"
    }

    public let kind: Kind
    public let detail: String

    init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var label: String { kind.rawValue }

    /// The URL's `expires` time has passed (answered like a missing source, as imgproxy does).
    public static let expired = SourceError(.notFound, "URL expired")
    public var description: String { "\(kind.rawValue): \(detail)" }

    /// A short message with nothing from the origin in it.
    public var publicMessage: String {
        switch kind {
        case .invalidURL: "the source URL is invalid"
        case .forbidden: "the source is not allowed"
        case .notFound: "the source was not found"
        case .tooLarge: "the source is too large"
        case .timeout: "the source took too long to answer"
        case .originFailure: "the source could not be fetched"
        case .notAnImage: "the source is not an image"
        }
    }
}
