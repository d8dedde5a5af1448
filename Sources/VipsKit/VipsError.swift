internal import CVipsShim
import Foundation

/// A libvips operation failed; `message` is libvips' own text, for logs only (never for a client).
public struct VipsError: Error, CustomStringConvertible, Sendable {
    /// The operation that failed, such as "resize" or "jpegsave".
    public let operation: String
    /// libvips' error buffer at the time of failure.
    public let message: String

    /// Makes an error with an explicit message.
    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    /// Takes (and clears) libvips' error buffer; call on the failing thread right after the failed call.
    static func takeFromBuffer(operation: String) -> VipsError {
        guard let raw = mp_error_take() else {
            return VipsError(operation: operation, message: "unknown libvips error")
        }
        defer { free(raw) }
        // The buffer is shared by every thread: keep the newest lines, most likely this call's.
        let lines = String(cString: raw).split(separator: "\n").suffix(2)
        let text = lines.joined(separator: "; ").trimmingCharacters(in: .whitespacesAndNewlines)
        return VipsError(operation: operation, message: text.isEmpty ? "unknown libvips error" : text)
    }

    /// The operation named by a failure to load or start libvips itself.
    static let startOperation = "vips_init"

    /// Whether libvips itself could not be loaded or started (the machine's fault, not the image's).
    public var isStartFailure: Bool { operation == Self.startOperation }

    public var description: String { "\(operation): \(message)" }
}
