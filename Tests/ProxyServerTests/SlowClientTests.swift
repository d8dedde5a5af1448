import Foundation
import Glibc
import ProxyServer
import Testing
import TestSupport

/// Slow-loris clients: connections that drip a request head, or send nothing, are closed at the header timeout,
/// and while many are open a normal viewer is served at once.
@Suite struct SlowClientTests {
    @Test(.timeLimit(.minutes(1))) func aHeadDrippedTooSlowlyIsClosedAndOthersAreServed() async throws {
        let server = try await LiveServer.start { $0.headerTimeout = .seconds(1) }
        defer { Task { await server.stop() } }
        let port = try #require(Int(server.baseURL.split(separator: ":").last ?? ""))
        // Fifty connections that send part of a head and then nothing more.
        let slow = try (0..<50).map { _ in try RawConnection(port: port) }
        for connection in slow { try connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
        let answer = try await TestHTTP.get(server.baseURL + "/health")
        #expect(answer.status == 200)
        // Each is closed by the server after about a second (read gives end of file), not held.
        let start = ContinuousClock.now
        for connection in slow { #expect(connection.readUntilClosed(within: .seconds(5))) }
        let waited = start.duration(to: .now)
        #expect(waited < .seconds(4), "slow connections were held \(waited)")
        // A connection that drips a byte at a time past the timeout is closed as well.
        let dripping = try RawConnection(port: port)
        let dripStart = ContinuousClock.now
        var closed = false
        for byte in "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8 where !closed {
            closed = (try? dripping.send(String(UnicodeScalar(byte)))) == nil
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(dripping.readUntilClosed(within: .seconds(5)))
        #expect(dripStart.duration(to: .now) < .seconds(8))
    }

    @Test(.timeLimit(.minutes(1))) func anIdleKeepAliveConnectionIsClosedAndABusyOneIsNot() async throws {
        let server = try await LiveServer.start {
            $0.headerTimeout = .milliseconds(500)
            $0.keepAliveTimeout = .seconds(1)
        }
        defer { Task { await server.stop() } }
        let port = try #require(Int(server.baseURL.split(separator: ":").last ?? ""))
        let request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        // One request, then silence: closed about a second after the answer.
        let idle = try RawConnection(port: port)
        try idle.send(request)
        #expect(idle.readAnswer(within: .seconds(5)) == "HTTP/1.1 200 OK")
        let answered = ContinuousClock.now
        #expect(idle.readUntilClosed(within: .seconds(5)))
        let waited = answered.duration(to: .now)
        #expect(waited >= .milliseconds(800) && waited < .seconds(3), "closed after \(waited)")
        // A request every 300 ms for three seconds, past both waits: every one is answered on the same connection.
        let busy = try RawConnection(port: port)
        for round in 0..<10 {
            try busy.send(request)
            #expect(busy.readAnswer(within: .seconds(5)) == "HTTP/1.1 200 OK", "round \(round)")
            try await Task.sleep(for: .milliseconds(300))
        }
    }
}
