import Foundation
import ImageOptions
import ImagePipeline
@testable import ProxyServer
import Testing
import TestSupport

/// Animations and video through the live server: negotiated animated WebP, GIF kept animated, a video's first
/// frame, `/info` with frames, delays and codec.
@Suite(.serialized) struct AnimationServerTests {
    @Test func animatedGIFStaysAnimatedAndBecomesWebPWhereAccepted() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let path = "/unsafe/rs:fit:100:100/plain/local:///pattern.gif"
        let gif = try await server.get(path, headers: ["Accept": "image/gif"])
        #expect(gif.status == 200 && gif.headers["content-type"] == "image/gif")
        let gifInfo = try ImageProber.probe(gif.body)
        #expect(gifInfo.frames == 20 && gifInfo.width == 100)
        let webp = try await server.get(path, headers: ["Accept": "image/webp,image/*"])
        #expect(webp.headers["content-type"] == "image/webp" && webp.headers["vary"] == "Accept")
        let webpInfo = try ImageProber.probe(webp.body)
        #expect(webpInfo.frames == 20 && webpInfo.animated)
        #expect(webpInfo.frameDelays == gifInfo.frameDelays)
        let still = try await server.get("/unsafe/rs:fit:100:100/pg:5/plain/local:///pattern.gif@png")
        #expect(try ImageProber.probe(still.body).frames == 1)
    }

    @Test func videoAnswersItsFirstFrame() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let answer = try await server.get("/unsafe/rs:fit:160:160/plain/local:///clip.mp4@jpg")
        #expect(answer.status == 200 && answer.headers["content-type"] == "image/jpeg")
        let info = try ImageProber.probe(answer.body)
        #expect(info.width == 160 && info.height == 90)
    }

    @Test func infoReportsFramesAndVideo() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let gif = try await server.get("/info/unsafe/plain/local:///pattern.gif")
        #expect(gif.status == 200 && gif.headers["content-type"] == "application/json")
        let gifInfo = try JSONDecoder().decode(ImageInfo.self, from: Data(gif.body))
        #expect(gifInfo.animated && gifInfo.frames == 20 && gifInfo.frameDelays?.count == 20 && gifInfo.duration == 2000)
        let video = try await server.get("/info/unsafe/plain/local:///clip.mp4")
        let videoInfo = try JSONDecoder().decode(ImageInfo.self, from: Data(video.body))
        #expect(videoInfo.video?.codec == "h264" && videoInfo.width == 320)
        #expect(abs((videoInfo.video?.duration ?? 0) - 2) < 0.1)
        let missing = try await server.get("/info/unsafe/plain/local:///nothing.gif")
        #expect(missing.status == 404 && missing.headers["content-type"] == "application/json")
        let pair = try #require(URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656C6C6F"))
        let signed = try await LiveServer.start { $0.signer = URLSigner(pairs: [pair]) }
        defer { Task { await signed.stop() } }
        #expect(try await signed.get("/info/unsafe/plain/local:///pattern.gif").status == 403)
        let signature = try #require(URLSigner(pairs: [pair]).sign("/plain/local:///pattern.gif"))
        #expect(try await signed.get("/info/\(signature)/plain/local:///pattern.gif").status == 200)
    }
}
