/// How the chaos origin answers one request, named in the request's path (`/m/{mode}/{n}/{file}`), and what the
/// proxy must answer then.
enum ChaosMode: String, CaseIterable, Sendable {
    /// The file, at once.
    case normal
    /// The file after a pause of up to 300 ms.
    case delay
    /// The file in small pieces with pauses between them.
    case drip
    /// Three redirects, then the file (the proxy follows up to five).
    case redirect
    /// Seven redirects: more than the proxy follows.
    case redirectLoop = "redirect-loop"
    /// The whole length declared, half the file sent, then the connection closed.
    case truncated
    /// Chunked, half the file sent, then the connection closed without the last chunk.
    case truncatedChunked = "truncated-chunked"
    /// More bytes declared than the file has; the file sent, then the connection closed.
    case longLength = "long-length"
    /// Half the file's length declared and the whole file sent: a well-framed answer with a truncated image.
    case shortLength = "short-length"
    /// The connection reset (RST) as soon as the request has arrived.
    case reset
    /// 503 with a text body.
    case serverError = "server-error"
    /// The head sent, then nothing for longer than the proxy waits.
    case stall
    /// 200 as an image type, with bytes that are no image.
    case garbage

    /// What the proxy may answer.
    enum Expectation: Sendable {
        /// The reference answer, byte for byte.
        case reference
        /// One of these error statuses.
        case error(Set<Int>)
        /// The reference, an image of the asked format (the proxy cannot see a well-framed truncation), or one
        /// of these errors.
        case imageOrError(Set<Int>)
    }

    var expectation: Expectation {
        switch self {
        case .normal, .delay, .drip, .redirect: .reference
        case .redirectLoop, .truncated, .truncatedChunked, .longLength, .reset, .serverError: .error([502])
        case .stall: .error([504])
        case .garbage: .error([415, 422])
        case .shortLength: .imageOrError([415, 422, 502])
        }
    }

    /// How often the client picks each mode, in percent of the chaos requests.
    var weight: Int {
        switch self {
        case .normal: 40
        case .delay, .drip: 8
        case .redirect, .truncated, .truncatedChunked, .shortLength, .reset, .serverError, .garbage: 5
        case .longLength: 3
        case .redirectLoop, .stall: 2
        }
    }
}
