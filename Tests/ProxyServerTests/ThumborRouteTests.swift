import ImageOptions
import ImagePipeline
import MediaFormats
import ProxyServer
import Testing
import TestSupport

/// thumbor's dialect on the live server: under its prefix, signed with its key or `unsafe` where allowed.
@Suite(.serialized) struct ThumborRouteTests {
    @Test func unsafePathsAnswerWhenAllowed() async throws {
        let server = try await LiveServer.start { $0.thumborAllowsUnsafe = true }
        defer { Task { await server.stop() } }
        // landscape.jpg is 1600x1067.
        let cropped = try await server.get("/thumbor/unsafe/200x100/landscape.jpg")
        #expect(cropped.status == 200 && cropped.headers["content-type"] == "image/jpeg")
        let croppedInfo = try ImageProber.probe(cropped.body)
        #expect(croppedInfo.width == 200 && croppedInfo.height == 100)
        let fitted = try await server.get("/thumbor/unsafe/fit-in/200x200/filters:format(webp)/landscape.jpg")
        let fittedInfo = try ImageProber.probe(fitted.body)
        #expect(fittedInfo.format == .webp && fittedInfo.width == 200 && fittedInfo.height == 133)
        let unknown = try await server.get("/thumbor/unsafe/200x100/filters:sepia()/landscape.jpg")
        #expect(unknown.status == 400 && String(decoding: unknown.body, as: UTF8.self).contains("unknown_filter"))
        let info = try await server.get("/info/thumbor/unsafe/landscape.jpg")
        #expect(info.status == 200 && String(decoding: info.body, as: UTF8.self).contains("\"width\":1600"))
    }

    @Test func signedPathsNeedTheKey() async throws {
        let server = try await LiveServer.start { $0.thumborKey = "MY_SECURE_KEY" }
        defer { Task { await server.stop() } }
        let unsigned = "100x0/smart/landscape.jpg"
        let signature = try #require(ThumborSigner(key: "MY_SECURE_KEY", allowsUnsafe: false).signature(for: unsigned))
        let signed = try await server.get("/thumbor/\(signature)/\(unsigned)")
        #expect(signed.status == 200)
        #expect(try ImageProber.probe(signed.body).width == 100)
        let other = try #require(ThumborSigner(key: "ANOTHER_KEY", allowsUnsafe: false).signature(for: unsigned))
        #expect(try await server.get("/thumbor/\(other)/\(unsigned)").status == 403)
        #expect(try await server.get("/thumbor/unsafe/\(unsigned)").status == 403)
        // The imgproxy dialect is still where it was.
        #expect(try await server.get("/unsafe/rs:fit:50:50/plain/local:///landscape.jpg").status == 200)
    }
}
