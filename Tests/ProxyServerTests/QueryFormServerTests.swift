import ImageOptions
import ImagePipeline
import MediaFormats
import ProxyServer
import Testing
import TestSupport

/// The query form on the live server: through the router and as a memory hit, and signed when keys are set.
@Suite(.serialized) struct QueryFormServerTests {
    @Test func answersAndHitsByQuery() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let cropped = try await server.get("/img/landscape.jpg?w=200&h=100&fit=crop")
        #expect(cropped.status == 200 && cropped.headers["x-cache"] == "MISS")
        #expect(try ImageProber.probe(cropped.body).width == 200 && ImageProber.probe(cropped.body).height == 100)
        let again = try await server.get("/img/landscape.jpg?w=200&h=100&fit=crop")
        #expect(again.headers["x-cache"] == "HIT" && again.body == cropped.body)
        let other = try await server.get("/img/landscape.jpg?w=120&fmt=webp")
        let info = try ImageProber.probe(other.body)
        #expect(other.status == 200 && info.format == .webp && info.width == 120)
        let refused = try await server.get("/img/landscape.jpg?width=120")
        #expect(refused.status == 400 && String(decoding: refused.body, as: UTF8.self).contains("unknown_option"))
    }

    @Test func signedWhenKeysAreSet() async throws {
        let pair = try #require(URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656c6c6f"))
        let server = try await LiveServer.start { $0.signer = URLSigner(pairs: [pair]) }
        defer { Task { await server.stop() } }
        let signature = try #require(URLSigner(pairs: [pair]).sign(QueryForm.signedText(path: "/landscape.jpg", query: "w=80&h=60")))
        #expect(try await server.get("/img/landscape.jpg?w=80&h=60&s=\(signature)").status == 200)
        #expect(try await server.get("/img/landscape.jpg?h=60&s=\(signature)&w=80").status == 200)
        #expect(try await server.get("/img/landscape.jpg?w=80&h=61&s=\(signature)").status == 403)
        #expect(try await server.get("/img/landscape.jpg?w=80&h=60").status == 403)
    }
}
