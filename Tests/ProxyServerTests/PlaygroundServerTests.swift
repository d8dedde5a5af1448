import Foundation
import ImageOptions
import ProxyServer
import Testing
import TestSupport

/// The playground's routes: on by default, off when signing keys are configured unless asked for, off when
/// turned off; and the `Server-Timing` header it reads.
@Suite(.serialized) struct PlaygroundServerTests {
    @Test func onByDefaultWithItsSamples() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.get("/")
        #expect(page.status == 200 && page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("MediaProxy playground") && page.text.contains("const thumborPrefix = \"/thumbor\""))
        #expect(!page.text.contains("http://") && !page.text.contains("https://cdn"), "self-contained")
        let samples = try JSONDecoder().decode([String].self, from: Data(try await server.get("/playground/samples").body))
        #expect(samples.contains("landscape.jpg") && samples.contains("clip.mp4") && samples == samples.sorted())
        let image = try await server.get("/unsafe/w:50/plain/local:///landscape.jpg")
        #expect(image.headers["server-timing"]?.hasPrefix("total;dur=") == true)
    }

    @Test func offWithSigningKeysUnlessAskedForAndWhenTurnedOff() async throws {
        let pair = try #require(URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656C6C6F"))
        let signed = try await LiveServer.start { $0.signer = URLSigner(pairs: [pair]) }
        #expect(try await signed.get("/").status == 404)
        #expect(try await signed.get("/playground/samples").status != 200)
        await signed.stop()
        let asked = try await LiveServer.start { $0.signer = URLSigner(pairs: [pair]); $0.playground = true }
        #expect(try await asked.get("/").status == 200)
        await asked.stop()
        let off = try await LiveServer.start { $0.playground = false }
        #expect(try await off.get("/").status == 404)
        await off.stop()
    }
}
