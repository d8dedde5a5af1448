import Foundation
import ImagePipeline
import ImageSources
import NIOCore
import ProxyServer
import Testing
import TestSupport

/// `s3://` sources against a real S3-compatible server: moto_server from PyPI on 127.0.0.1 with authentication
/// on (`INITIAL_NO_AUTH_ACTION_COUNT`: an IAM user, policy and key are made first, everything after is signed).
@Suite(.serialized) struct S3SourceTests {
    @Test func signedReadsWithEveryGuard() async throws {
        let port = Int.random(in: 41_000...49_000)
        let store = try MotoServer.start(port: port)
        defer { store.stop() }
        func configuration(secret: String) -> S3Configuration {
            var s3 = S3Configuration(accessKey: store.accessKey, secretKey: secret)
            s3.endpoint = URL(string: "http://127.0.0.1:\(port)")
            s3.pathStyle = true
            return s3
        }
        let server = try await LiveServer.start {
            $0.thumborAllowsUnsafe = true
            $0.sources.s3 = configuration(secret: store.secretKey)
            $0.sources.maxBytes = 300_000
            $0.sourceTTL = .milliseconds(1)
        }
        defer { Task { await server.stop() } }
        let answer = try await server.get("/unsafe/w:120/plain/s3://images/photos/landscape.jpg@png")
        #expect(answer.status == 200 && answer.headers["content-type"] == "image/png")
        #expect(try ImageProber.probe(answer.body).width == 120)
        // Stale after 1 ms: the next variant revalidates with the object's ETag and gets 304.
        try await Task.sleep(for: .milliseconds(20))
        #expect(try await server.get("/unsafe/w:121/plain/s3://images/photos/landscape.jpg@png").status == 200)
        let metrics = try await server.get("/metrics").text
        #expect(MetricsText.value("mediaproxy_source_lookups_total{outcome=\"revalidated\"}", in: metrics) == 1,
                "\(metrics.split(separator: "\n").filter { $0.contains("source_lookups") })")
        // The same object through thumbor's dialect and the query form.
        let thumbor = try await server.get("/thumbor/unsafe/90x60/s3://images/photos/landscape.jpg")
        #expect(thumbor.status == 200 && (try? ImageProber.probe(thumbor.body))?.width == 90)
        let query = try await server.get("/img/s3%3A%2F%2Fimages%2Fphotos%2Flandscape.jpg?w=70&fmt=png")
        #expect(query.status == 200 && (try? ImageProber.probe(query.body))?.width == 70)
        let missing = try await server.get("/unsafe/w:120/plain/s3://images/nothing.jpg")
        #expect(missing.status == 404 && missing.text.contains("source_not_found"))
        let big = try await server.get("/unsafe/w:120/plain/s3://images/big.jpg")
        #expect(big.status == 413)
        #expect(try await server.get("/unsafe/w:120/plain/s3://Bad_Bucket/x.jpg").status == 400)

        let wrong = try await LiveServer.start { $0.sources.s3 = configuration(secret: "not-the-secret") }
        defer { Task { await wrong.stop() } }
        let refused = try await wrong.get("/unsafe/w:120/plain/s3://images/photos/landscape.jpg")
        #expect(refused.status == 403 && refused.text.contains("forbidden_source"))
        #expect(!refused.text.contains("Signature") && !refused.text.contains("AccessDenied"), "the store's text stays out")

        let fenced = try await LiveServer.start {
            var s3 = configuration(secret: store.secretKey)
            s3.allowedBuckets = ["other"]
            $0.sources.s3 = s3
        }
        defer { Task { await fenced.stop() } }
        #expect(try await fenced.get("/unsafe/w:120/plain/s3://images/photos/landscape.jpg").status == 403)
    }

    @Test func instancesShareResultsThroughTheStore() async throws {
        let port = Int.random(in: 41_000...49_000)
        let store = try MotoServer.start(port: port)
        defer { store.stop() }
        func instance() async throws -> LiveServer {
            try await LiveServer.start {
                var s3 = S3Configuration(accessKey: store.accessKey, secretKey: store.secretKey)
                s3.endpoint = URL(string: "http://127.0.0.1:\(port)")
                s3.pathStyle = true
                $0.sources.s3 = s3
                $0.resultStore = "s3://images/results"
            }
        }
        func tool(count: Int, corrupt: Bool) throws -> Int {
            try store.objects(under: "results/", waitingFor: count, corrupting: corrupt)
        }
        let path = "/unsafe/rs:fill:150:100/plain/local:///landscape.jpg@webp"
        let first = try await instance()
        defer { Task { await first.stop() } }
        let rendered = try await first.get(path)
        #expect(rendered.status == 200)
        #expect(try await first.metric("mediaproxy_pipeline_runs_total") == 1)
        #expect(try tool(count: 1, corrupt: false) == 1, "the result reached the store")
        // A second instance with empty caches answers it from the store, without rendering.
        let second = try await instance()
        defer { Task { await second.stop() } }
        let shared = try await second.get(path)
        #expect(shared.status == 200 && shared.body == rendered.body)
        #expect(try await second.metric("mediaproxy_pipeline_runs_total") == 0)
        #expect(try await second.metric("mediaproxy_cache_lookups_total{result=\"shared\"}") == 1)
        // A corrupt object (its body no longer matches its checksum) is rendered again, never answered.
        #expect(try tool(count: 1, corrupt: true) == 1)
        let third = try await instance()
        defer { Task { await third.stop() } }
        let again = try await third.get(path)
        #expect(again.status == 200 && again.body == rendered.body)
        #expect(try await third.metric("mediaproxy_pipeline_runs_total") == 1)
    }

    @Test func anUnreachableStoreIsABadGatewayAndAResultStoreDownCostsARender() async throws {
        let server = try await LiveServer.start {
            var s3 = S3Configuration(accessKey: "a", secretKey: "b")
            s3.endpoint = URL(string: "http://127.0.0.1:9")
            s3.pathStyle = true
            $0.sources.s3 = s3
            $0.resultStore = "s3://images/results"
        }
        defer { Task { await server.stop() } }
        #expect(try await server.get("/unsafe/w:120/plain/s3://images/a.jpg").status == 502)
        // A result store that is down costs a render, never an error.
        #expect(try await server.get("/unsafe/w:120/plain/local:///landscape.jpg").status == 200)
        #expect(try await server.metric("mediaproxy_pipeline_runs_total") == 1)
    }
}
