import Foundation
import ImageOptions
import Synchronization

/// Remembers what recent requests asked for, so a repeated request skips verifying, parsing and keying its path
/// again, and a miss that the cache-hit handler read is not read again by the router's handler. Keyed by the raw
/// target (path and query) and the Accept header, the two inputs of an `ImageQuery`; an `exp:` is checked on every use. Bounded: it
/// starts over when full.
final class QueryMemo: Sendable {
    /// The two inputs of a query. The target stays a slice of the request's, so a lookup copies nothing.
    private struct Key: Hashable {
        let target: Substring
        let accept: String?
    }

    private let queries = Mutex<[Key: ImageQuery]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The query for a request, from memory or made now; throws what `ImageQuery` throws.
    func query(target: Substring, accept: String?, configuration: ServerConfiguration) throws -> ImageQuery {
        let memoKey = Key(target: target, accept: accept)
        if let query = queries.withLock({ $0[memoKey] }), !Self.hasExpired(query.path.options.expires) {
            return query
        }
        let query = try ImageQuery(target: target, accept: accept, configuration: configuration)
        queries.withLock { queries in
            if queries.count >= capacity { queries.removeAll(keepingCapacity: true) }
            queries[memoKey] = query
        }
        return query
    }

    private static func hasExpired(_ expires: Int?) -> Bool {
        guard let expires else { return false }
        return Double(expires) < Date().timeIntervalSince1970
    }
}
