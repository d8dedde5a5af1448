import Foundation
import ImagePipeline
import Testing
import TestSupport

/// kill -9 during a burst of cache writes: after a restart, nothing read back from the disk cache is partial
/// or corrupt: every answer decodes and equals the answer of a server without a cache.
@Suite struct CrashSafetyTests {
    static let paths: [String] = {
        var paths: [String] = []
        for source in ["landscape.jpg", "logo.png", "rotated-exif6.jpg"] {
            for width in stride(from: 40, through: 300, by: 20) {
                paths.append("/unsafe/w:\(width)/q:85/plain/local:///\(source)@\(width % 40 == 0 ? "webp" : "png")")
            }
        }
        return paths
    }()

    @Test func killDuringCacheWritesLeavesNoBadEntry() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("mp-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let reference = try ServerProcess.start(["--no-cache"])
        var expected: [String: [UInt8]] = [:]
        for path in Self.paths { expected[path] = try await reference.get(path).body }
        reference.kill(SIGTERM)

        let first = try ServerProcess.start(["--cache-dir", cache.path, "--workers", "2", "--queue", "512"])
        let burst = Task {
            await withTaskGroup(of: Void.self) { group in
                for path in Self.paths { group.addTask { _ = try? await first.get(path) } }
            }
        }
        var runs = 0.0
        while runs < 10 { runs = try await first.metric("mediaproxy_pipeline_runs_total") }
        first.kill(SIGKILL)
        _ = await burst.value
        #expect(first.process.terminationReason == .uncaughtSignal)

        let second = try ServerProcess.start(["--cache-dir", cache.path])
        defer { second.kill(SIGTERM) }
        var hits = 0
        for path in Self.paths {
            let answer = try await second.get(path)
            #expect(answer.status == 200, "\(path)")
            #expect(answer.body == expected[path], "\(path) differs after the crash")
            _ = try ImageProber.probe(answer.body)
            if answer.headers["x-cache"] == "HIT" { hits += 1 }
        }
        #expect(hits >= 1, "entries written before the kill are served")
        let leftovers = FileManager.default.enumerator(atPath: cache.path)?.allObjects.compactMap { $0 as? String }
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(".tmp-") } ?? []
        #expect(leftovers.isEmpty)
    }
}
