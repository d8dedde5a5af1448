import Foundation
import ImageSources

/// Originals kept in memory (bounded), so many variants of one image fetch it once. Freshness follows the
/// origin's Cache-Control (`no-store`: not kept; `no-cache`: revalidated every time; `max-age`), else a default
/// TTL; a stale copy is revalidated with If-None-Match / If-Modified-Since.
final class SourceCache: Sendable {
    struct Entry: Sendable {
        let source: FetchedSource
        let freshUntil: ContinuousClock.Instant
    }

    /// How a fetch was answered, for metrics and tests.
    enum Outcome: String, Sendable { case hit, revalidated, fetched, uncached }

    let entries: LRUCache<String, Entry>
    let defaultTTL: Duration

    init(capacity: Int, defaultTTL: Duration) {
        entries = LRUCache(capacity: capacity)
        self.defaultTTL = defaultTTL
    }

    /// The source from cache, revalidated or fetched anew.
    func fetch(_ url: String, deadline: ContinuousClock.Instant,
               fetcher: SourceFetcher) async throws -> (FetchedSource, Outcome) {
        // Remote sources only (http, https, s3): a local file is read again, it costs no origin a request.
        guard url.hasPrefix("http") || url.hasPrefix("s3://") else {
            return (try await fetcher.fetch(url, deadline: deadline), .uncached)
        }
        let cached = entries.value(for: url)
        if let cached, ContinuousClock.now < cached.freshUntil { return (cached.source, .hit) }
        let validators = cached.map { SourceValidators(etag: $0.source.etag, lastModified: $0.source.lastModified) }
        let answer = try await fetcher.fetch(url, deadline: deadline,
                                             revalidating: validators?.isEmpty == false ? validators : nil)
        guard let fresh = answer ?? cached?.source else { throw SourceError.expired }
        let policy = Self.policy(fresh.cacheControl)
        if !policy.noStore {
            let lifetime = policy.noCache ? .zero : policy.maxAge ?? defaultTTL
            entries.insert(Entry(source: fresh, freshUntil: .now + lifetime), for: url, cost: fresh.bytes.count)
        } else {
            entries.removeValue(for: url)
        }
        return (fresh, answer == nil ? .revalidated : .fetched)
    }

    /// The parts of Cache-Control that matter here.
    static func policy(_ header: String?) -> (noStore: Bool, noCache: Bool, maxAge: Duration?) {
        guard let header else { return (false, false, nil) }
        var noStore = false, noCache = false
        var maxAge: Duration?
        for directive in header.lowercased().split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            switch parts.first {
            case "no-store", "private": noStore = true
            case "no-cache": noCache = true
            case "max-age", "s-maxage":
                if parts.count == 2, let seconds = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))) {
                    maxAge = .seconds(max(0, seconds))
                }
            default: break
            }
        }
        return (noStore, noCache, maxAge)
    }
}
