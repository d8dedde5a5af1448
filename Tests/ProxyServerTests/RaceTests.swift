import Foundation
import ImagePipeline
@testable import ProxyServer
import Testing
import TestSupport

/// 200 concurrent mixed requests with caches and coalescing off, so every one runs the pipeline: each answer
/// equals the answer to the same request made alone (two encodes sharing an output buffer would show up here as
/// corrupted bodies).
@Suite(.serialized) struct RaceTests {
    static let variants: [String] = {
        let sources = ["landscape.jpg", "logo.png", "logo.webp", "rotated-exif6.jpg", "badge.svg"]
        let options = ["rs:fit:120:120", "rs:fill:80:80/g:sm", "w:64/bl:2", "rs:fill:100:60:1/g:nowe/q:60", "h:90/rot:90/sh:1"]
        let formats = ["jpg", "png", "webp", "avif", "gif"]
        var paths: [String] = []
        for (index, source) in sources.enumerated() {
            for (offset, option) in options.enumerated() {
                paths.append("/unsafe/\(option)/plain/local:///\(source)@\(formats[(index + offset) % formats.count])")
            }
        }
        return paths
    }()

    @Test func concurrentAnswersEqualSoloAnswers() async throws {
        let server = try await LiveServer.start {
            $0.queue = 512
            $0.cacheEnabled = false
        }
        defer { Task { await server.stop() } }
        var solo: [String: [UInt8]] = [:]
        for path in Self.variants {
            let answer = try await server.get(path)
            #expect(answer.status == 200, "\(path): \(answer.text)")
            _ = try ImageProber.probe(answer.body)
            solo[path] = answer.body
        }
        let requests = (0..<200).map { Self.variants[$0 % Self.variants.count] }
        let answers = try await withThrowingTaskGroup(of: (String, LiveServer.Answer).self) { group in
            for path in requests { group.addTask { (path, try await server.get(path)) } }
            return try await group.reduce(into: [(String, LiveServer.Answer)]()) { $0.append($1) }
        }
        #expect(answers.count == 200)
        #expect(try await server.metric("mediaproxy_pipeline_runs_total") >= Double(Self.variants.count + 200))
        for (path, answer) in answers {
            #expect(answer.status == 200, "\(path)")
            let same = answer.body == solo[path]  // a Bool: a failing byte-array diff takes minutes
            #expect(same, "\(path) differs from its solo answer")
        }
    }
}
