import Foundation
@testable import ProxyServer
import Synchronization
import Testing

@Suite struct CachePrimitivesTests {
    @Test func contentDigestKnownAnswers() {
        #expect(ContentDigest(of: [UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(ContentDigest.hex(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(ContentDigest(of: Array("abc".utf8)).etag == "\"ba7816bf8f01cfea414140de5dae2223\"")
    }

    @Test func lruEvictsLeastRecentlyUsedByCost() {
        let cache = LRUCache<String, Int>(capacity: 10)
        cache.insert(1, for: "a", cost: 4)
        cache.insert(2, for: "b", cost: 4)
        #expect(cache.value(for: "a") == 1)
        cache.insert(3, for: "c", cost: 4)
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") == 1 && cache.value(for: "c") == 3)
        #expect(cache.totalCost == 8 && cache.evictions == 1)
        cache.insert(4, for: "huge", cost: 11)
        #expect(cache.value(for: "huge") == nil && cache.count == 2)
        cache.insert(5, for: "a", cost: 2)
        #expect(cache.totalCost == 6 && cache.value(for: "a") == 5)
        cache.removeAll { $0 == "c" }
        #expect(cache.count == 1 && cache.totalCost == 2)
        cache.removeValue(for: "a")
        #expect(cache.count == 0 && cache.totalCost == 0 && cache.value(for: "a") == nil)
    }

    /// Reads move old entries forward even though recent ones stay put: the entries read survive the next
    /// evictions, the ones not read go, oldest first.
    @Test func lruKeepsWhatWasReadAmongManyEntries() {
        let cache = LRUCache<Int, Int>(capacity: 100)
        for key in 0..<100 { cache.insert(key, for: key, cost: 1) }
        for key in 0..<50 { #expect(cache.value(for: key) == key) }
        // The newest entry read again and again stays where it is, and must not disturb the order either.
        for _ in 0..<10 { #expect(cache.value(for: 49) == 49) }
        for key in 100..<150 { cache.insert(key, for: key, cost: 1) }
        #expect((0..<50).allSatisfy { cache.value(for: $0) == $0 })
        #expect((50..<100).allSatisfy { cache.value(for: $0) == nil })
        #expect(cache.count == 100 && cache.evictions == 50)
        // The oldest now is 100: the reads above, made after 50 inserts, moved 0..<50 ahead of 100..<150.
        cache.insert(150, for: 150, cost: 1)
        #expect(cache.value(for: 100) == nil && cache.value(for: 0) == 0)
    }

    @Test func coalescerRunsOnceAndSharesErrors() async throws {
        struct Failure: Error {}
        let coalescer = Coalescer<String, Int>()
        final class Runs: Sendable { let count = Atomic<Int>(0) }
        let runs = Runs()
        let gate = AsyncStream<Void>.makeStream()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await coalescer.run("k") {
                        runs.count.add(1, ordering: .relaxed)
                        for await _ in gate.stream { break }
                        return 42
                    }.value
                }
            }
            while coalescer.count < 1 { await Task.yield() }
            gate.continuation.yield()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == [Int](repeating: 42, count: 10))
        #expect(runs.count.load(ordering: .relaxed) == 1)
        await #expect(throws: Failure.self) { try await coalescer.run("bad") { throw Failure() } }
    }

    @Test(.timeLimit(.minutes(1))) func coalescedWorkIsCancelledOnlyWhenEveryCallerHasGone() async throws {
        let coalescer = Coalescer<String, Int>()
        final class Starts: Sendable { let count = Atomic<Int>(0) }
        let starts = Starts()
        // Work that waits until it is cancelled, counting how often it starts.
        let work: @Sendable () async throws -> Int = {
            starts.count.add(1, ordering: .relaxed)
            while !Task.isCancelled { try await Task.sleep(for: .milliseconds(5)) }
            throw CancellationError()
        }
        let first = Task { try await coalescer.run("k", work).value }
        let second = Task { try await coalescer.run("k", work).value }
        while starts.count.load(ordering: .relaxed) < 1 { await Task.yield() }
        first.cancel()
        await #expect(throws: CancellationError.self) { try await first.value }
        // One caller is still waiting: the work goes on, shared.
        #expect(coalescer.count == 1)
        second.cancel()
        await #expect(throws: CancellationError.self) { try await second.value }
        #expect(coalescer.count == 0)
        // The next caller starts the work afresh instead of joining the cancelled one.
        let value = try await coalescer.run("k") { 7 }.value
        #expect(value == 7)
        #expect(starts.count.load(ordering: .relaxed) == 1)
    }

    @Test func originCacheControl() {
        #expect(SourceCache.policy("no-store").noStore)
        #expect(SourceCache.policy("private, max-age=60").noStore)
        #expect(SourceCache.policy("public, max-age=120").maxAge == .seconds(120))
        #expect(SourceCache.policy("no-cache").noCache)
        #expect(SourceCache.policy(nil).maxAge == nil)
    }

    @Test func conditionalRequests() {
        let etag = "\"abc\""
        func check(_ headers: [(String, String)], _ expected: Bool) {
            #expect(ConditionalRequest(HTTPFieldsForTests.make(headers))
                .isNotModified(etag: etag, lastModified: "Sun, 06 Nov 1994 08:49:37 GMT") == expected, "\(headers)")
        }
        check([("If-None-Match", etag)], true)
        check([("If-None-Match", "\"x\", \"abc\"")], true)
        check([("If-None-Match", "*")], true)
        check([("If-None-Match", "\"x\"")], false)
        check([("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")], true)
        check([("If-Modified-Since", "Sat, 05 Nov 1994 08:49:37 GMT")], false)
        check([("If-None-Match", "\"x\""), ("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")], false)
        check([], false)
    }
}
