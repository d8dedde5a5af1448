import Foundation
import TestSupport

/// `media-proxy serve` run as a child process on an ephemeral port.
final class ServerProcess: Sendable {
    let process: Process
    let baseURL: String

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
    func get(_ path: String) async throws -> TestHTTP.Answer {
        try await TestHTTP.get(baseURL + path)
    }

    /// A metric's value from /metrics (0 when absent).
    func metric(_ name: String) async throws -> Double {
        MetricsText.value(name, in: try await get("/metrics").text)
    }

    func kill(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}
