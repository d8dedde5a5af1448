import Foundation
import ImageOptions
import Synchronization

/// The on-disk result cache: one file per variant under `root/<source hash prefix>/<source hash>/<variant hash>`.
///
/// Writes go to a temporary file in the same folder and are renamed into place, so a crash never leaves a partial
/// entry under a real name (leftover temporary files are removed at start-up). Each entry (`DiskEntry`) carries a
/// checksum of its header and the SHA-256 of its body, both checked on read: a corrupt entry is deleted and
/// reported as a miss. The folder is kept under `capacity` bytes by evicting the least recently used entries, and
/// survives restarts.
final class DiskCache: Sendable {
    private struct Entry {
        var size: Int
        var lastUse: UInt64
    }

    private struct Index {
        var entries: [String: Entry] = [:]
        var totalBytes = 0
        var clock: UInt64 = 0
    }

    let root: String
    let capacity: Int
    private let index = Mutex(Index())
    private let counters = Mutex((evictions: 0, corrupt: 0))

    init(root: String, capacity: Int) throws {
        self.root = root
        self.capacity = capacity
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try rebuildIndex()
    }

    var totalBytes: Int { index.withLock { $0.totalBytes } }
    var evictions: Int { counters.withLock { $0.evictions } }
    var corruptEntries: Int { counters.withLock { $0.corrupt } }

    func path(for key: CacheKey) -> String {
        let source = key.source
        return "\(root)/\(source.prefix(2))/\(source)/\(key.variant)"
    }

    /// The entry, or nil when absent or corrupt (a corrupt file is deleted).
    func read(_ key: CacheKey) -> CachedResult? {
        let path = path(for: key)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let result = DiskEntry.decode(Array(data)) else {
            counters.withLock { $0.corrupt += 1 }
            remove(path)
            return nil
        }
        index.withLock { index in
            index.clock += 1
            index.entries[path]?.lastUse = index.clock
        }
        return result
    }

    /// Writes atomically, then evicts if over capacity.
    func write(_ result: CachedResult, for key: CacheKey) {
        let path = path(for: key)
        let folder = (path as NSString).deletingLastPathComponent
        let bytes = DiskEntry.encode(result)
        guard bytes.count <= capacity else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = "\(folder)/.tmp-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                return
            }
        } catch {
            return
        }
        index.withLock { index in
            index.clock += 1
            let old = index.entries[path]?.size ?? 0
            index.entries[path] = Entry(size: bytes.count, lastUse: index.clock)
            index.totalBytes += bytes.count - old
        }
        evictIfNeeded()
    }

    /// Deletes every variant of one source.
    func purge(sourceHash: String) {
        let folder = "\(root)/\(sourceHash.prefix(2))/\(sourceHash)"
        index.withLock { index in
            for (path, entry) in index.entries where path.hasPrefix(folder + "/") {
                index.entries[path] = nil
                index.totalBytes -= entry.size
            }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func remove(_ path: String) {
        unlink(path)
        index.withLock { index in
            if let entry = index.entries.removeValue(forKey: path) { index.totalBytes -= entry.size }
        }
    }

    private func evictIfNeeded() {
        let victims = index.withLock { index -> [String] in
            guard index.totalBytes > capacity else { return [] }
            let target = capacity * 9 / 10
            var victims: [String] = []
            for (path, entry) in index.entries.sorted(by: { $0.value.lastUse < $1.value.lastUse }) {
                guard index.totalBytes > target else { break }
                index.entries[path] = nil
                index.totalBytes -= entry.size
                victims.append(path)
            }
            return victims
        }
        for path in victims { unlink(path) }
        if !victims.isEmpty { counters.withLock { $0.evictions += victims.count } }
    }

    /// Scans the folder: removes temporary files, indexes entries oldest-first by modification time.
    private func rebuildIndex() throws {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        var found: [(String, Int, Date)] = []
        while let relative = walker.nextObject() as? String {
            let path = "\(root)/\(relative)"
            let name = (relative as NSString).lastPathComponent
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            if name.hasPrefix(".tmp-") {
                unlink(path)
                continue
            }
            found.append((path, (attributes[.size] as? Int) ?? 0, (attributes[.modificationDate] as? Date) ?? .distantPast))
        }
        index.withLock { index in
            for (path, size, _) in found.sorted(by: { $0.2 < $1.2 }) {
                index.clock += 1
                index.entries[path] = Entry(size: size, lastUse: index.clock)
                index.totalBytes += size
            }
        }
        evictIfNeeded()
    }
}
