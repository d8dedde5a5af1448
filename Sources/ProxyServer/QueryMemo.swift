import Foundation
import ImageOptions
import Synchronization

/// Remembers what recent request lines asked for, so a repeated request (a cache hit, most often) skips
/// verifying, parsing and keying its path again. Keyed by the raw path and the Accept header, the two inputs of
/// an `ImageQuery`; an `exp:` is checked on every use. Bounded: it starts over when full.
final class QueryMemo: Sendable {
    private struct Entry: Sendable {
        let query: ImageQuery
        let key: CacheKey
        let expires: Int?
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The query and cache key for a request, from memory or made now; throws what `ImageQuery` throws.
    func query(rawPath: Substring, accept: String?,
               configuration: ServerConfiguration) throws -> (query: ImageQuery, key: CacheKey) {
        let memoKey = accept.map { "\(rawPath)\n\($0)" } ?? String(rawPath)
        if let entry = entries.withLock({ $0[memoKey] }), !Self.hasExpired(entry.expires) {
            return (entry.query, entry.key)
        }
        let query = try ImageQuery(rawPath: rawPath, accept: accept, configuration: configuration)
        let key = query.cacheKey
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[memoKey] = Entry(query: query, key: key, expires: query.path.options.expires)
        }
        return (query, key)
    }

    private static func hasExpired(_ expires: Int?) -> Bool {
        guard let expires else { return false }
        return Double(expires) < Date().timeIntervalSince1970
    }
}
