import ImageSources
import OriginTestServer
import ProxyServer
import Synchronization
import Testing
import TestSupport

/// The real server in front of a real origin whose answers are held: requests beyond `activeRequests` wait before
/// their fetch, and requests beyond workers and queue together are refused with 429 at once.
@Suite struct AdmissionServerTests {
    @Test func requestsBeyondTheActiveOnesWaitBeforeFetchingAndTheRestAre429() async throws {
        let origin = try await TestOrigin.start(serving: LiveServer.samples)
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start {
            $0.sources.addressPolicy = AddressPolicy(allowLoopback: true)
            $0.workers = 1
            $0.queue = 2
            $0.activeRequests = 1
        }
        defer { Task { await server.stop() } }
        // Four sources, so neither coalescing step merges them.
        let paths = ["landscape.jpg", "rotated-exif6.jpg", "logo.png", "logo.webp"].map {
            "/unsafe/w:60/plain/\(origin.baseURL)/gated/files/\($0)@jpg"
        }
        let deadline = ContinuousClock.now + .seconds(30)
        let first = Task { try await server.get(paths[0]) }
        while origin.fileRequests.load(ordering: .relaxed) < 1, ContinuousClock.now < deadline { await Task.yield() }
        let waiting = paths[1...2].map { path in Task { try await server.get(path) } }
        while try await server.metric("mediaproxy_requests_waiting_to_fetch") < 2, ContinuousClock.now < deadline {
            await Task.yield()
        }
        #expect(try await server.metric("mediaproxy_requests_waiting_to_fetch") == 2)
        // Workers and queue together hold three: the fourth is refused while the origin still holds the first.
        let refused = try await server.get(paths[3])
        #expect(refused.status == 429 && refused.headers["retry-after"] != nil)
        #expect(origin.fileRequests.load(ordering: .relaxed) == 1)
        #expect(try await server.get("/ready").status == 503)
        origin.gate.open()
        for task in [first] + waiting { #expect(try await task.value.status == 200) }
        #expect(origin.fileRequests.load(ordering: .relaxed) == 3)
        #expect(try await server.metric("mediaproxy_requests_waiting_to_fetch") == 0)
    }
}
