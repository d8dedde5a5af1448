import AsyncHTTPClient
import Foundation

/// `media-proxy serve` run as a child process on an ephemeral port.
final class ServerProcess: Sendable {
    let process: Process
    let baseURL: String
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)))

    private init(process: Process, baseURL: String) {
        self.process = process
        self.baseURL = baseURL
    }

    /// Starts the server with extra arguments and waits for its "listening on" line.
    static func start(_ arguments: [String]) throws -> ServerProcess {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["serve", "--port", "0", "--local-root", CLITests.samples.path, "--log-level", "error"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var port = 0
        var buffer = ""
        while port == 0 {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            buffer += String(decoding: chunk, as: UTF8.self)
            if let range = buffer.range(of: "listening on http://127.0.0.1:") {
                port = Int(buffer[range.upperBound...].prefix { $0.isNumber }) ?? 0
            }
        }
        guard port > 0 else {
            process.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        return ServerProcess(process: process, baseURL: "http://127.0.0.1:\(port)")
    }

    /// Status and body of a GET.
    func get(_ path: String) async throws -> (status: Int, body: [UInt8], headers: [String: String]) {
        let response = try await Self.client.execute(HTTPClientRequest(url: baseURL + path), timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 64 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return (Int(response.status.code), Array(body.readableBytesView), headers)
    }

    /// A metric's value from /metrics (0 when absent).
    func metric(_ name: String) async throws -> Double {
        let text = String(decoding: try await get("/metrics").body, as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Double($0.split(separator: " ").last!) } ?? 0
    }

    func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}
