import ImageSources
import OriginTestServer
import ProxyServer
import Synchronization
import Testing
import TestSupport

/// A viewer who closes the connection while waiting gives back what it held at once: its place in the admission
/// line, and its place among the active requests with the fetch in progress (with the result cache on, so the
/// coalesced work is cancelled once nobody waits for it).
@Suite struct ClientDepartureTests {
    @Test(.timeLimit(.minutes(2))) func aViewerWhoLeavesFreesItsPlaceAtOnce() async throws {
        let origin = try await TestOrigin.start(serving: LiveServer.samples)
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start {
            $0.sources.addressPolicy = AddressPolicy(allowLoopback: true)
            $0.workers = 1
            $0.queue = 2
            $0.activeRequests = 1
            // Far beyond the test's own deadline, so that only a departure (never the deadline) frees a place.
            $0.timeout = .seconds(600)
        }
        defer { Task { await server.stop() } }
        let port = try #require(Int(server.baseURL.split(separator: ":").last ?? ""))
        let paths = ["landscape.jpg", "rotated-exif6.jpg", "logo.png"].map {
            "/unsafe/w:60/plain/\(origin.baseURL)/gated/files/\($0)@jpg"
        }
        func request(_ path: String) throws -> RawConnection {
            let connection = try RawConnection(port: port)
            try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            return connection
        }
        func waitingToFetch() async throws -> Double { try await server.metric("mediaproxy_requests_waiting_to_fetch") }
        let deadline = ContinuousClock.now + .seconds(30)

        let fetching = try request(paths[0])
        while origin.fileRequests.load(ordering: .relaxed) < 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let waiting = try request(paths[1])
        while try await waitingToFetch() < 1, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await waitingToFetch() == 1)

        waiting.close()
        while try await waitingToFetch() > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await waitingToFetch() == 0)

        // The origin still holds the first fetch; once its viewer leaves, the next request is admitted and fetches.
        fetching.close()
        let next = Task { try await server.get(paths[2]) }
        while origin.fileRequests.load(ordering: .relaxed) < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(origin.fileRequests.load(ordering: .relaxed) == 2)
        origin.gate.open()
        #expect(try await next.value.status == 200)
        #expect(origin.fileRequests.load(ordering: .relaxed) == 2)
        // Both who left are counted as nginx counts them (each is counted when its cancelled work has unwound).
        let gone = "mediaproxy_requests_total{status=\"499\"}"
        while try await server.metric(gone) < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await server.metric(gone) == 2)
    }
}
