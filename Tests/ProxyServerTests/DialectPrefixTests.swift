import Foundation
import ImagePipeline
import ProxyServer
import Testing
import TestSupport

/// Where the dialects are mounted: thumbor's at `/` once imgproxy's is moved or off, and the prefixes checked.
@Suite(.serialized) struct DialectPrefixTests {
    @Test func thumborAtTheRootWithImgproxyMoved() async throws {
        let server = try await LiveServer.start {
            $0.imgproxyPrefix = "/imgproxy"
            $0.thumborPrefix = "/"
            $0.thumborAllowsUnsafe = true
        }
        defer { Task { await server.stop() } }
        let thumbor = try await server.get("/unsafe/120x80/landscape.jpg")
        #expect(thumbor.status == 200)
        let size = try ImageProber.probe(thumbor.body)
        #expect(size.width == 120 && size.height == 80)
        let imgproxy = try await server.get("/imgproxy/unsafe/rs:fit:50:50/plain/local:///landscape.jpg")
        #expect(imgproxy.status == 200)
        #expect(try ImageProber.probe(imgproxy.body).width == 50)
        #expect(try await server.get("/info/imgproxy/unsafe/plain/local:///landscape.jpg").status == 200)
        #expect(try await server.get("/health").status == 200)
        #expect(try await server.get("/").status == 200)
    }

    @Test func imgproxyOffLeavesTheOthers() async throws {
        let server = try await LiveServer.start { $0.imgproxyPrefix = nil; $0.thumborAllowsUnsafe = true }
        defer { Task { await server.stop() } }
        #expect(try await server.get("/unsafe/rs:fit:50:50/plain/local:///landscape.jpg").status == 400)
        #expect(try await server.get("/thumbor/unsafe/50x50/landscape.jpg").status == 200)
        #expect(try await server.get("/img/landscape.jpg?w=50").status == 200)
    }

    @Test func prefixesMustBeDistinct() {
        var configuration = ServerConfiguration()
        configuration.thumborPrefix = "/"
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration.imgproxyPrefix = "/imgproxy"
        #expect(throws: Never.self) { try configuration.validate() }
        configuration.queryFormPrefix = "/imgproxy"
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}
