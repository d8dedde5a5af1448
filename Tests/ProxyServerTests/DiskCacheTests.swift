import Foundation
import ImagePipeline
import MediaFormats
@testable import ProxyServer
import Testing
import TestSupport

/// The disk tier: restart, corruption, eviction bound, atomic entries.
@Suite(.serialized) struct DiskCacheTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mp-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func entries(in folder: URL) -> [(path: String, size: Int)] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var found: [(String, Int)] = []
        while let relative = walker?.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            var directory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &directory), !directory.boolValue {
                found.append((path, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0))
            }
        }
        return found
    }

    @Test func entriesSurviveRestartAndCorruptionIsRecomputed() async throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = "/unsafe/rs:fit:120:120/plain/local:///landscape.jpg@webp"
        let first = try await LiveServer.start { $0.cacheDirectory = root.path }
        let original = try await first.get(path)
        await first.stop()
        #expect(original.headers["x-cache"] == "MISS")
        let second = try await LiveServer.start { $0.cacheDirectory = root.path }
        let restored = try await second.get(path)
        await second.stop()
        #expect(restored.headers["x-cache"] == "HIT" && restored.body == original.body)
        let entry = try #require(entries(in: root).first)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: entry.path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: entry.path))
        let third = try await LiveServer.start { $0.cacheDirectory = root.path }
        defer { Task { await third.stop() } }
        let recomputed = try await third.get(path)
        #expect(recomputed.headers["x-cache"] == "MISS" && recomputed.body == original.body)
        #expect(try await third.get("/metrics").text.contains("mediaproxy_cache_corrupt_entries{tier=\"disk\"} 1"))
        #expect(try await third.get(path).headers["x-cache"] == "HIT")
    }

    @Test func evictionKeepsTheFolderUnderItsBound() async throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let bound = 40_000
        let server = try await LiveServer.start {
            $0.cacheDirectory = root.path
            $0.diskCacheBytes = bound
            $0.memoryCacheBytes = 0
        }
        defer { Task { await server.stop() } }
        var written = 0
        for width in stride(from: 60, through: 240, by: 10) {
            let answer = try await server.get("/unsafe/w:\(width)/q:90/plain/local:///landscape.jpg@jpg")
            #expect(answer.status == 200)
            written += answer.body.count
            let total = entries(in: root).reduce(0) { $0 + $1.size }
            #expect(total <= bound, "\(total) bytes on disk after \(width)")
        }
        #expect(written > 2 * bound)
        #expect(try await server.get("/metrics").text.contains("mediaproxy_cache_evictions{tier=\"disk\"}"))
    }

    @Test func truncatedOrForeignFilesAreNeverDecoded() {
        let result = CachedResult(body: Array(repeating: 7, count: 1000), format: .png, lastModified: "x")
        let encoded = DiskEntry.encode(result)
        let decoded = DiskEntry.decode(encoded)
        #expect(decoded?.body == result.body && decoded?.format == .png && decoded?.etag == result.etag)
        for cut in [0, 10, encoded.count / 2, encoded.count - 1] {
            #expect(DiskEntry.decode(Array(encoded.prefix(cut))) == nil, "\(cut)")
        }
        #expect(DiskEntry.decode(Array("MPC2 but nothing sensible follows here at all".utf8)) == nil)
        // One flipped bit anywhere (header, its checksum, body) makes the entry unreadable.
        for position in [9, encoded.count - 1000 - 5, encoded.count - 1] {
            var corrupt = encoded
            corrupt[position] ^= 1
            #expect(DiskEntry.decode(corrupt) == nil, "\(position)")
        }
    }
}
