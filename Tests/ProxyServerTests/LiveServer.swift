import Foundation
import Hummingbird
import ImageSources
import Logging
import NIOHTTP1
import ProxyServer
import TestSupport

/// A real MediaProxy server on an ephemeral loopback port, with an HTTP client to talk to it.
final class LiveServer: Sendable {
    let baseURL: String
    let server: MediaProxyServer
    private let task: Task<Void, any Error>
    static let samples = TestPaths.samples
    static let corpus = TestPaths.corpus
    static var corpusAvailable: Bool { TestPaths.corpusAvailable }

    private init(baseURL: String, server: MediaProxyServer, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.server = server
        self.task = task
    }

    /// Starts a server serving Samples/ as local:///, with `change` applied to the configuration.
    static func start(_ change: (inout ServerConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workers = 2
        configuration.sources.localRoot = samples.path
        change(&configuration)
        let server = try MediaProxyServer(configuration: configuration)
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let app = server.makeApplication(logger: logger) { continuation.yield($0) }
        let task = Task { try await app.run() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
        return LiveServer(baseURL: "http://127.0.0.1:\(port)", server: server, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    typealias Answer = TestHTTP.Answer

    /// Sends a request with a raw path (not normalised).
    func get(_ path: String, method: HTTPMethod = .GET, headers: [String: String] = [:]) async throws -> Answer {
        try await TestHTTP.get(baseURL + path, method: method, headers: headers, timeout: .seconds(60))
    }

    /// A metric's value from /metrics (0 when absent).
    func metric(_ name: String) async throws -> Double {
        MetricsText.value(name, in: try await get("/metrics").text)
    }
}
