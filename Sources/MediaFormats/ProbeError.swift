/// The header could not be read as a supported image.
public struct ProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable {
        case unknownFormat = "unknown_format"
        case truncated
        case malformed
    }

    private let code: Code
    /// Safe-to-show explanation.
    public let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// A stable short label for metrics and tests.
    public var label: String { code.rawValue }
    public var description: String { detail }

    /// The bytes match no supported image or video signature.
    public static let unknownFormat = ProbeError(.unknownFormat, "not a supported image format")
    /// The header ends before it says everything needed.
    public static let truncated = ProbeError(.truncated, "the image header is truncated")

    /// The header contradicts itself or declares impossible values.
    package static func malformed(_ detail: String) -> ProbeError { ProbeError(.malformed, "malformed image header: \(detail)") }

    /// Whether this is the truncation error (more bytes might help).
    public var isTruncated: Bool { code == .truncated }
}
