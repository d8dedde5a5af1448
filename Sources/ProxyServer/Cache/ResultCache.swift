import NIOCore
import NIOPosix

/// The result cache: a memory LRU in front of the disk cache. A disk hit is promoted to memory. Disk reads and
/// writes run on NIO's blocking-I/O thread pool, never on the cooperative pool or an event loop.
final class ResultCache: Sendable {
    enum Tier: String, Sendable { case memory, disk }

    let memory: LRUCache<CacheKey, CachedResult>
    let disk: DiskCache?

    init(memoryBytes: Int, disk: DiskCache?) {
        memory = LRUCache(capacity: memoryBytes)
        self.disk = disk
    }

    func value(for key: CacheKey) async -> (CachedResult, Tier)? {
        if let hit = memory.value(for: key) { return (hit, .memory) }
        guard let disk, let hit = try? await NIOThreadPool.singleton.runIfActive({ disk.read(key) }) else {
            return nil
        }
        memory.insert(hit, for: key, cost: hit.buffer.readableBytes)
        return (hit, .disk)
    }

    func store(_ result: CachedResult, for key: CacheKey) async {
        memory.insert(result, for: key, cost: result.buffer.readableBytes)
        guard let disk else { return }
        _ = try? await NIOThreadPool.singleton.runIfActive { disk.write(result, for: key) }
    }

    /// Drops every variant of one source from both tiers.
    func purge(sourceURL: String) {
        memory.removeAll { $0.sourceURL == sourceURL }
        disk?.purge(sourceHash: ContentDigest.hex(of: sourceURL))
    }
}
