import Foundation
import Hummingbird
import ImageOptions
import ImagePipeline
import ImageSources

/// The one place where errors become HTTP statuses and short JSON bodies. Nothing from the origin, libvips or
/// the source URL reaches the body.
struct HTTPErrorMapping {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    init(_ error: any Error) {
        switch error {
        case let error as OptionsError:
            (status, code, message) = (.badRequest, error.label, error.detail)
        case let error as SignatureError:
            (status, code, message) = (.forbidden, error.code, error.message)
        case let error as ForbiddenOptionError:
            (status, code, message) = (.forbidden, error.code, error.message)
        case let error as SourceError:
            let status: HTTPResponse.Status = switch error.kind {
            case .invalidURL: .badRequest
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .tooLarge: .contentTooLarge
            case .timeout: .gatewayTimeout
            case .originFailure: .badGateway
            case .notAnImage: .unsupportedMediaType
            }
            (self.status, code, message) = (status, error.label, error.publicMessage)
        case let error as PipelineError:
            let status: HTTPResponse.Status = switch error.kind {
            case .invalidImage: .unprocessableContent
            case .unsupportedFormat: .unsupportedMediaType
            case .sourceTooLarge: .contentTooLarge
            case .resultTooLarge: .badRequest
            case .deadlineExceeded: .gatewayTimeout
            case .invalidConfiguration, .encodeFailed, .libraryUnavailable: .internalServerError
            }
            (self.status, code, message) = (status, error.label, error.publicMessage)
        case is CancellationError:
            (status, code, message) = (Self.clientClosedRequest, "client_closed_request", "the client went away")
        case WorkerPoolError.queueFull:
            (status, code, message) = (.tooManyRequests, "queue_full", "the server is busy, retry shortly")
        default:
            (status, code, message) = (.internalServerError, "internal_error", "internal error")
        }
    }

    /// nginx's status for a request whose client left before the answer (never seen by that client).
    static let clientClosedRequest = HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")

    /// `{"error": "...", "code": "..."}`.
    var body: String {
        "{\"error\":\"\(Self.escape(message))\",\"code\":\"\(Self.escape(code))\"}"
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The signature segment does not match.
struct SignatureError: Error {
    let code = "invalid_signature"
    let message = "invalid signature"
}
