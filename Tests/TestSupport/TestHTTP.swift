import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The one HTTP client the tests talk to servers on loopback with, and what it hands back.
public enum TestHTTP {
    /// Enough connections per host for the concurrency tests (the default soft limit is 8).
    public static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: .init(connectionPool: .init(idleTimeout: .seconds(30),
                                                   concurrentHTTP1ConnectionsPerHostSoftLimit: 256)))

    /// A whole answer.
    public struct Answer: Sendable {
        public let status: Int
        /// Header names in lower case.
        public let headers: [String: String]
        public let body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request to `url` as written (not normalised) and reads the whole answer.
    public static func get(_ url: String, method: HTTPMethod = .GET, headers: [String: String] = [:],
                           timeout: TimeAmount = .seconds(120)) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 64 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: fields, body: Array(body.readableBytesView))
    }
}

/// Reads values out of a Prometheus text answer.
public enum MetricsText {
    /// The value of the sample named exactly `name` (labels included, as written), 0 when absent.
    public static func value(_ name: String, in text: String) -> Double {
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { $0.split(separator: " ").last.flatMap { Double($0) } } ?? 0
    }
}
