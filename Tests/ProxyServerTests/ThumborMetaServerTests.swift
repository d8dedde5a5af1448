import Foundation
import ProxyServer
import Testing
import TestSupport

/// thumbor's `meta/`: JSON with the sizes and the operations, in thumbor's order and terms.
@Suite(.serialized) struct ThumborMetaServerTests {
    @Test func metaDescribesTheCropsAndTheResize() async throws {
        let server = try await LiveServer.start { $0.thumborAllowsUnsafe = true }
        defer { Task { await server.stop() } }
        let answer = try await server.get("/thumbor/unsafe/meta/10x20:410x320/-100x100/landscape.jpg")
        #expect(answer.status == 200 && answer.headers["content-type"] == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        let thumbor = try #require(json["thumbor"] as? [String: Any])
        let operations = try #require(thumbor["operations"] as? [[String: Any]])
        #expect(operations.map { $0["type"] as? String } == ["crop", "crop", "resize", "flip_horizontally"])
        #expect(operations[0]["left"] as? Int == 10 && operations[0]["top"] as? Int == 20)
        #expect(operations[0]["right"] as? Int == 410 && operations[0]["bottom"] as? Int == 320)
        #expect(operations[1]["right"] as? Int == 350 && operations[1]["bottom"] as? Int == 300)
        let target = try #require(thumbor["target"] as? [String: Int])
        #expect(target == ["width": 100, "height": 100])
        let source = try #require(thumbor["source"] as? [String: Any])
        #expect(source["url"] as? String == "landscape.jpg" && source["frameCount"] as? Int == 1)
        let missing = try await server.get("/thumbor/unsafe/meta/100x100/nothing.jpg")
        #expect(missing.status == 404)
    }
}
