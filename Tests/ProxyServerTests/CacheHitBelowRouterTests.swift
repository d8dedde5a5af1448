import NIOHTTP1
import Testing
import TestSupport

/// Memory hits answered in front of the router carry exactly the head the router's handler writes.
@Suite(.serialized) struct CacheHitBelowRouterTests {
    static let counter = "mediaproxy_cache_hits_below_router_total"

    /// The headers that may differ between two answers of the same variant.
    static func comparable(_ headers: [String: String]) -> [String: String] {
        // Date, cache status and the time taken differ by nature; a memory hit sends no Server-Timing.
        headers.filter { !["date", "x-cache", "server-timing"].contains($0.key) }
    }

    @Test func aHitCarriesTheRoutersHeadAndBody() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let path = "/unsafe/rs:fit:120:120/fn:shore/plain/local:///landscape.jpg"
        let miss = try await server.get(path, headers: ["Accept": "image/webp"])
        #expect(miss.status == 200 && miss.headers["x-cache"] == "MISS" && miss.headers["vary"] == "Accept")
        #expect(try await server.metric(Self.counter) == 0)
        let hit = try await server.get(path, headers: ["Accept": "image/webp"])
        #expect(try await server.metric(Self.counter) == 1)
        #expect(hit.status == 200 && hit.headers["x-cache"] == "HIT" && hit.body == miss.body)
        #expect(Self.comparable(hit.headers) == Self.comparable(miss.headers))
        #expect(hit.headers["date"] != nil && hit.headers["server"] == "MediaProxy")
        let head = try await server.get(path, method: .HEAD, headers: ["Accept": "image/webp"])
        #expect(head.status == 200 && head.body.isEmpty && Self.comparable(head.headers) == Self.comparable(miss.headers))
        let etag = try #require(miss.headers["etag"])
        let notModified = try await server.get(path, headers: ["Accept": "image/webp", "If-None-Match": etag])
        #expect(notModified.status == 304 && notModified.body.isEmpty && notModified.headers["content-length"] == nil)
        #expect(notModified.headers["etag"] == etag)
        // The head kept from the first hit serves the next plain hit, unchanged by the 304 between them.
        let again = try await server.get(path, headers: ["Accept": "image/webp"])
        #expect(again.status == 200 && again.body == miss.body && Self.comparable(again.headers) == Self.comparable(miss.headers))
        #expect(try await server.metric(Self.counter) == 4)
        // Another negotiated format is another variant: a miss, through the router.
        let jpeg = try await server.get(path, headers: ["Accept": "image/jpeg"])
        #expect(jpeg.headers["x-cache"] == "MISS" && jpeg.headers["content-type"] == "image/jpeg")
        #expect(try await server.metric(Self.counter) == 4)
    }

    @Test func requestsItCannotAnswerGoToTheRouter() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let path = "/unsafe/w:64/plain/local:///logo.png@png"
        #expect(try await server.get(path).status == 200)
        let closing = try await server.get(path, headers: ["Connection": "close"])
        #expect(closing.status == 200 && closing.headers["x-cache"] == "HIT")
        #expect(try await server.metric(Self.counter) == 0)
        #expect(try await server.get("/unsafe/w:64/exp:1000/plain/local:///logo.png@png").status == 404)
        #expect(try await server.get("/unsafe/rs:squash/plain/local:///logo.png").status == 400)
        #expect(try await server.get("/health").status == 200)
        #expect(try await server.get(path + "?cachebuster=1").headers["x-cache"] == "HIT")
        #expect(try await server.metric(Self.counter) == 1)
    }
}
