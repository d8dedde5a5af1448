import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdCore
import ImageOptions
import ImagePipeline
import ImageSources
import MediaFormats
import NIOCore
import NIOHTTP1
import OriginTestServer
@testable import ProxyServer
import Synchronization
import Testing
import TestSupport

/// The live server: answers, headers, negotiation, HEAD, operations endpoints and every error status.
@Suite(.serialized) struct ServerResponseTests {
    @Test func servesAnImageWithTheRightHeaders() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let answer = try await server.get("/unsafe/rs:fit:200:200/plain/local:///landscape.jpg@webp")
        #expect(answer.status == 200)
        #expect(answer.headers["content-type"] == "image/webp")
        #expect(answer.headers["content-length"] == String(answer.body.count))
        #expect(answer.headers["x-content-type-options"] == "nosniff")
        #expect(answer.headers["cache-control"] == "public, max-age=31536000")
        #expect(answer.headers["vary"] == nil)
        let info = try ImageProber.probe(answer.body)
        #expect(info.format == .webp && info.width == 200 && info.height == 133)
    }

    @Test func formatIsNegotiatedFromAccept() async throws {
        let server = try await LiveServer.start { $0.autoAVIF = true }
        defer { Task { await server.stop() } }
        let path = "/unsafe/rs:fit:100:100/plain/local:///landscape.jpg"
        let plain = try await server.get(path, headers: ["Accept": "image/jpeg"])
        #expect(plain.headers["content-type"] == "image/jpeg" && plain.headers["vary"] == "Accept")
        let webp = try await server.get(path, headers: ["Accept": "image/webp,*/*;q=0.8"])
        #expect(webp.headers["content-type"] == "image/webp" && webp.headers["vary"] == "Accept")
        let avif = try await server.get(path, headers: ["Accept": "image/avif,image/webp,*/*"])
        #expect(avif.headers["content-type"] == "image/avif")
        #expect(try ImageProber.probe(avif.body).format == .avif)
        let refused = try await server.get(path, headers: ["Accept": "image/avif;q=0,image/webp;q=0"])
        #expect(refused.headers["content-type"] == "image/jpeg")
        let forced = try await server.get(path + "@png", headers: ["Accept": "image/webp"])
        #expect(forced.headers["content-type"] == "image/png" && forced.headers["vary"] == nil)
    }

    @Test func jpegXLIsNegotiatedOnlyWhenTurnedOnAndOnlyForStills() async throws {
        let accept = ["Accept": "image/jxl,image/avif,image/webp,*/*"]
        let off = try await LiveServer.start()
        let plain = try await off.get("/unsafe/rs:fit:100:100/plain/local:///landscape.jpg", headers: accept)
        #expect(plain.headers["content-type"] == "image/webp")
        await off.stop()
        let server = try await LiveServer.start { $0.autoJXL = true }
        defer { Task { await server.stop() } }
        let still = try await server.get("/unsafe/rs:fit:100:100/plain/local:///landscape.jpg", headers: accept)
        #expect(still.headers["content-type"] == "image/jxl" && still.headers["vary"] == "Accept")
        #expect(try ImageProber.probe(still.body).format == .jxl)
        let animation = try await server.get("/unsafe/rs:fit:100:100/plain/local:///pattern.gif", headers: accept)
        #expect(animation.headers["content-type"] == "image/webp")
        #expect(try ImageProber.probe(animation.body).frames == 20)
        let noWebP = try await server.get("/unsafe/rs:fit:100:100/plain/local:///pattern.gif", headers: ["Accept": "image/jxl"])
        #expect(noWebP.headers["content-type"] == "image/gif")
        let apng = try await server.get("/unsafe/rs:fit:48:48/plain/local:///pattern-apng.png", headers: accept)
        #expect(try apng.headers["content-type"] == "image/webp" && ImageProber.probe(apng.body).frames == 12)
        let asked = try await server.get("/unsafe/rs:fit:48:48/plain/local:///pattern.gif@apng")
        #expect(try asked.headers["content-type"] == "image/png" && ImageProber.probe(asked.body).frames == 20)
    }

    @Test func headHasHeadersAndNoBody() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let get = try await server.get("/unsafe/w:64/plain/local:///logo.png@png")
        let head = try await server.get("/unsafe/w:64/plain/local:///logo.png@png", method: .HEAD)
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.headers["content-type"] == "image/png")
        #expect(head.headers["content-length"] == String(get.body.count))
    }

    @Test func operationsEndpoints() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.get("/health").status == 200)
        #expect(try await server.get("/ready").status == 200)
        _ = try await server.get("/unsafe/w:32/plain/local:///logo.png@png")
        _ = try await server.get("/unsafe/w:32/plain/local:///missing.png@png")
        let metrics = try await server.get("/metrics").text
        for name in ["mediaproxy_requests_total{status=\"200\"} 1", "mediaproxy_requests_total{status=\"404\"} 1",
                     "mediaproxy_stage_duration_seconds_bucket{stage=\"fetch\"", "stage=\"queue\"", "stage=\"process\"",
                     "stage=\"encode\"", "stage=\"total\"", "mediaproxy_source_bytes_total", "mediaproxy_response_bytes_total",
                     "mediaproxy_queue_depth", "mediaproxy_jobs_in_flight", "process_resident_memory_bytes"] {
            #expect(metrics.contains(name), "\(name)")
        }
    }

    /// Every failure has its status and a short JSON body that never repeats the source URL or library text.
    @Test func errorsMapToStatusesAndShortJSON() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mp-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let landscape = try Data(contentsOf: LiveServer.samples.appendingPathComponent("landscape.jpg"))
        try landscape.write(to: root.appendingPathComponent("photo.jpg"))
        try landscape.prefix(landscape.count / 3).write(to: root.appendingPathComponent("cut.jpg"))
        try Data("just some text, not an image at all".utf8).write(to: root.appendingPathComponent("text.jpg"))
        try Data(count: 300_000).write(to: root.appendingPathComponent("huge.jpg"))
        let origin = try await TestOrigin.start(serving: root)
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start {
            $0.sources.localRoot = root.path
            $0.sources.maxBytes = 200_000
            $0.sources.addressPolicy = AddressPolicy(allowLoopback: true)
            $0.sources.allowedPrefixes = ["local://", origin.baseURL + "/"]
            $0.timeout = .seconds(2)
        }
        defer { Task { await server.stop() } }
        let cases: [(String, Int, String)] = [
            ("/unsafe/rs:squash/plain/local:///photo.jpg", 400, "invalid_argument"),
            ("/unsafe/w:10/plain/local:///photo.jpg@bmp", 400, "unsupported_format"),
            ("/unsafe/rs:fit:20000:20000:1/plain/local:///photo.jpg", 400, "result_too_large"),
            ("/unsafe/w:10/plain/local:///missing.jpg", 404, "source_not_found"),
            ("/unsafe/w:10/plain/local:///huge.jpg", 413, "source_too_large"),
            ("/unsafe/w:10/plain/local:///text.jpg", 415, "unsupported_format"),
            ("/unsafe/w:10/plain/local:///cut.jpg", 422, "invalid_image"),
            ("/unsafe/w:10/plain/http://127.0.0.2/x.jpg", 403, "forbidden_source"),
            ("/unsafe/w:10/plain/\(origin.baseURL)/status/500", 502, "origin_failure"),
            ("/unsafe/w:10/plain/\(origin.baseURL)/html", 415, "source_not_an_image"),
            ("/unsafe/w:10/plain/\(origin.baseURL)/slow/5000/files/photo.jpg", 504, "source_timeout"),
            ("/unsafe/w:10/exp:1000/plain/local:///photo.jpg", 404, "source_not_found"),
            ("/unsafe/w:10/plain/ftp://example.com/a.jpg", 400, "invalid_source_url"),
        ]
        for (path, status, code) in cases {
            let answer = try await server.get(path)
            #expect(answer.status == status, "\(path): \(answer.text)")
            #expect(answer.headers["content-type"] == "application/json")
            #expect(answer.headers["cache-control"] == "public, max-age=10")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: String])
            #expect(json["code"] == code, "\(path)")
            #expect(json.keys.sorted() == ["code", "error"])
            #expect(!answer.text.contains("example.com") && !answer.text.contains("127.0.0") && !answer.text.contains(".jpg"))
        }
        #expect(try await server.get("/health").status == 200)
    }

    @Test func signedURLsFollowImgproxy() async throws {
        let pair = try #require(URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656C6C6F"))
        let server = try await LiveServer.start {
            $0.signer = URLSigner(pairs: [pair])
            $0.sources.allowedPrefixes = ["local://"]
        }
        defer { Task { await server.stop() } }
        let documented = "/oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png"
        let accepted = try await server.get(documented)
        #expect(accepted.status == 403 && accepted.text.contains("forbidden_source"), "signature accepted, source refused")
        let tampered = try await server.get(documented.replacingOccurrences(of: "300:400", with: "301:400"))
        #expect(tampered.status == 403 && tampered.text.contains("invalid_signature"))
        let unsafe = try await server.get("/unsafe/w:10/plain/local:///logo.png")
        #expect(unsafe.status == 403 && unsafe.text.contains("invalid_signature"))
        let path = "/rs:fit:50:50/plain/local:///logo.png@webp"
        let signed = try #require(URLSigner(pairs: [pair]).sign(path))
        let good = try await server.get("/" + signed + path)
        #expect(good.status == 200 && good.headers["content-type"] == "image/webp")
    }

    @Test func queueFullIsAnswered429WithRetryAfter() throws {
        let handler = try MediaProxyServer(configuration: ServerConfiguration()).handler
        let response = handler.errorResponse(HTTPErrorMapping(WorkerPoolError.queueFull))
        #expect(response.status.code == 429)
        #expect(response.headers[.retryAfter] == "1")
    }
}

@Suite struct ViewerPrivacyTests {
    @Test func viewerHeadersNeverReachTheOrigin() async throws {
        let origin = try await TestOrigin.start(serving: LiveServer.samples)
        defer { Task { await origin.stop() } }
        let server = try await LiveServer.start { $0.sources.addressPolicy = AddressPolicy(allowLoopback: true) }
        defer { Task { await server.stop() } }
        let answer = try await server.get("/unsafe/w:40/plain/\(origin.baseURL)/strict/files/logo.png@png", headers: [
            "Cookie": "session=secret", "Authorization": "Bearer secret", "X-Forwarded-For": "203.0.113.9",
            "Forwarded": "for=203.0.113.9", "X-Real-IP": "203.0.113.9", "Referer": "https://viewer.example/page",
        ])
        #expect(answer.status == 200, "\(answer.text)")
        #expect(origin.fileRequests.load(ordering: .relaxed) == 1)
        var direct = HTTPClientRequest(url: "\(origin.baseURL)/strict/files/logo.png")
        direct.headers.add(name: "Cookie", value: "session=secret")
        #expect(try await TestHTTP.client.execute(direct, timeout: .seconds(5)).status.code == 400, "the origin checks")
    }
}
