import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TestSupport

/// `media-proxy serve` as a process: SIGTERM stops it after in-flight requests finish.
@Suite struct GracefulShutdownTests {
    @Test func sigtermFinishesInFlightRequestsThenExits() async throws {
        let server = try ServerProcess.start(["--workers", "1", "--no-cache"])
        let process = server.process
        defer { if process.isRunning { process.terminate() } }
        let client = TestHTTP.client
        let base = server.baseURL
        let slow = Task {
            let response = try await client.execute(
                HTTPClientRequest(url: base + "/unsafe/rs:fit:3000:3000:1/bl:40/plain/local:///landscape.jpg@png"),
                timeout: .seconds(120))
            let body = try await response.body.collect(upTo: 64 << 20)
            return (Int(response.status.code), body.readableBytes)
        }
        var inFlight = false
        for _ in 0..<2000 where !inFlight {
            let metrics = try await client.execute(HTTPClientRequest(url: base + "/metrics"), timeout: .seconds(10))
            let text = String(buffer: try await metrics.body.collect(upTo: 1 << 20))
            inFlight = text.contains("mediaproxy_jobs_in_flight 1.0")
        }
        #expect(inFlight)
        kill(process.processIdentifier, SIGTERM)
        let (status, bytes) = try await slow.value
        #expect(status == 200 && bytes > 1000)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
