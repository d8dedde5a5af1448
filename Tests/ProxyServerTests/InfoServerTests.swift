import Foundation
import ProxyServer
import Testing
import TestSupport

/// `/info` answers the header with the file's size and type, `hdr`, and a placeholder, for a still, an
/// animation and a video alike.
@Suite(.serialized) struct InfoServerTests {
    @Test(arguments: [("landscape.jpg", "image/jpeg"), ("pattern.gif", "image/gif"), ("clip.mp4", "video/mp4"),
                      ("logo.png", "image/png"), ("badge.svg", "image/svg+xml"), ("pattern-apng.png", "image/png"),
                      ("logo.jxl", "image/jxl")])
    func infoHasSizeTypeAndPlaceholder(file: String, mime: String) async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let answer = try await server.get("/info/unsafe/plain/local:///\(file)")
        #expect(answer.status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        let size = try FileManager.default.attributesOfItem(atPath: LiveServer.samples.appendingPathComponent(file).path)[.size] as? Int
        #expect(json["bytes"] as? Int == size && json["mimeType"] as? String == mime && json["hdr"] as? Bool == false)
        let hash = try #require(json["blurHash"] as? String)
        #expect(hash.count == 28)
        let colour = try #require(json["dominantColor"] as? String)
        #expect(colour.hasPrefix("#") && colour.count == 7)
    }

    @Test func anAPNGReportsItsFramesDelaysAndLoop() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let answer = try await server.get("/info/unsafe/plain/local:///pattern-apng.png")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        #expect(json["format"] as? String == "png" && json["animated"] as? Bool == true)
        #expect(json["frames"] as? Int == 12 && json["loopCount"] as? Int == 0)
        let delays = try #require(json["frameDelays"] as? [Int])
        #expect(delays.count == 12 && delays.allSatisfy { (83...84).contains($0) })
    }
}
