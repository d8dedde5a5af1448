import HTTPTypes
import Synchronization

/// The head of one query's plain memory-hit answer (200, no validators in the request), kept once built so the
/// next hit on the same result copies it instead of building and validating every field again. It belongs to the
/// result it was built for (by ETag) and to the second its Date header names.
final class PreparedHitHead: Sendable {
    private struct Prepared {
        let etag: String
        let date: String
        let fields: HTTPFields
    }

    private let prepared = Mutex<Prepared?>(nil)

    init() {}

    /// The stored head when it was built for `etag`, with its Date set to `date`; nil when it must be built.
    func fields(etag: String, date: String) -> HTTPFields? {
        prepared.withLock { prepared -> HTTPFields? in
            guard let stored = prepared, stored.etag == etag else { return nil }
            if stored.date == date { return stored.fields }
            var fields = stored.fields
            fields[.date] = date
            prepared = Prepared(etag: etag, date: date, fields: fields)
            return fields
        }
    }

    /// Keeps the head built for `etag` at `date`.
    func keep(_ fields: HTTPFields, etag: String, date: String) {
        prepared.withLock { $0 = Prepared(etag: etag, date: date, fields: fields) }
    }
}
