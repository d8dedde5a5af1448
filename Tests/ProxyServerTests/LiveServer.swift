import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ProxyServer

/// A real MediaProxy server on an ephemeral loopback port, with an HTTP client to talk to it.
final class LiveServer: Sendable {
    let baseURL: String
    let server: MediaProxyServer
    private let task: Task<Void, any Error>
    /// Enough connections per host for the concurrency tests (the default soft limit is 8).
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)))

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path) }

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

    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends a request with a raw path (not normalised).
    func get(_ path: String, method: HTTPMethod = .GET, headers: [String: String] = [:]) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await Self.client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: fields, body: Array(body.readableBytesView))
    }
}
