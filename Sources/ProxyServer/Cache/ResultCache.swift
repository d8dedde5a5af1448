import NIOCore

/// The result cache: a memory LRU in front of the disk cache. A disk hit is promoted to memory.
final class ResultCache: Sendable {
    enum Tier: String, Sendable { case memory, disk }

    let memory: LRUCache<CacheKey, CachedResult>
    let disk: DiskCache?

    init(memoryBytes: Int, disk: DiskCache?) {
        memory = LRUCache(capacity: memoryBytes)
        self.disk = disk
    }

    func value(for key: CacheKey) -> (CachedResult, Tier)? {
        if let hit = memory.value(for: key) { return (hit, .memory) }
        if let hit = disk?.read(key) {
            memory.insert(hit, for: key, cost: hit.buffer.readableBytes)
            return (hit, .disk)
        }
        return nil
    }

    func store(_ result: CachedResult, for key: CacheKey) {
        memory.insert(result, for: key, cost: result.buffer.readableBytes)
        disk?.write(result, for: key)
    }

    /// Drops every variant of one source from both tiers.
    func purge(sourceURL: String) {
        memory.removeAll { $0.sourceURL == sourceURL }
        disk?.purge(sourceHash: ContentDigest.hex(of: sourceURL))
    }
}
