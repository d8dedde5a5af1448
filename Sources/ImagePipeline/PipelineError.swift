/// Why the pipeline refused or failed a job. `label` is stable (metrics); `publicMessage` is safe for clients;
/// `detail` may hold library text and is for logs only.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure, each with its own HTTP status in the server.
    public enum Kind: String, Sendable, Hashable {
        case invalidImage = "invalid_image"
        case unsupportedFormat = "unsupported_format"
        case sourceTooLarge = "source_too_large"
        case resultTooLarge = "result_too_large"
        case deadlineExceeded = "deadline_exceeded"
        case invalidConfiguration = "invalid_configuration"
        /// An encoder failed on pixels the pipeline made: our failure, never the source's.
        case encodeFailed = "encode_failed"
        /// An image library loaded on first use (libvips) could not be loaded or started: the machine's fault.
        case libraryUnavailable = "library_unavailable"
    }

    public let kind: Kind
    /// Internal detail for logs.
    public let detail: String

    private init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var label: String { kind.rawValue }

    /// A short message with nothing from the source or from libraries in it.
    public var publicMessage: String {
        switch kind {
        case .invalidImage: "the source is not a valid image"
        case .unsupportedFormat: "the source format is not supported"
        case .sourceTooLarge: "the source image is too large"
        case .resultTooLarge: "the requested size is too large"
        case .deadlineExceeded: "processing took too long"
        case .invalidConfiguration: "invalid configuration"
        case .encodeFailed: "the result could not be encoded"
        case .libraryUnavailable: "an image library could not be loaded"
        }
    }

    public var description: String { "\(kind.rawValue): \(detail)" }

    static func invalidImage(_ detail: String) -> Self { Self(.invalidImage, detail) }
    static func unsupportedFormat(_ detail: String) -> Self { Self(.unsupportedFormat, detail) }
    public static func sourceTooLarge(_ detail: String) -> Self { Self(.sourceTooLarge, detail) }
    static func resultTooLarge(_ detail: String) -> Self { Self(.resultTooLarge, detail) }
    /// The request's deadline passed (between pipeline steps, or while it waited for a place).
    public static let deadlineExceeded = Self(.deadlineExceeded, "the deadline passed")
    static func invalidConfiguration(_ detail: String) -> Self { Self(.invalidConfiguration, detail) }
    static func encodeFailed(_ detail: String) -> Self { Self(.encodeFailed, detail) }
    static func libraryUnavailable(_ detail: String) -> Self { Self(.libraryUnavailable, detail) }
}
