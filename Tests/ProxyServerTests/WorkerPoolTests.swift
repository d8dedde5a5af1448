import Dispatch
@testable import ProxyServer
import Synchronization
import Testing

@Suite struct WorkerPoolTests {
    /// What a finished job captured (a source's bytes, in the server) is freed when it finishes, not kept in the
    /// queue until it is next compacted: 16 concurrent 36 MP requests once held 400 MB that way.
    @Test func aFinishedJobReleasesWhatItCaptured() async throws {
        final class Payload: Sendable {}
        let pool = WorkerPool(workers: 1, capacity: 8)
        defer { pool.shutdown() }
        weak var released: Payload?
        do {
            let payload = Payload()
            released = payload
            _ = try await pool.run { _ = payload; return 1 }
        }
        // The worker drops its job after the result is handed over: poll briefly for that last release.
        let deadline = ContinuousClock.now + .seconds(5)
        while released != nil, ContinuousClock.now < deadline { await Task.yield() }
        #expect(released == nil)
    }

    @Test func runsJobsOnItsThreadsAndReturnsResults() async throws {
        let pool = WorkerPool(workers: 2, capacity: 8)
        defer { pool.shutdown() }
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for value in 0..<10 { group.addTask { try await pool.run { value * value } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == (0..<10).map { $0 * $0 })
    }

    @Test func refusesAtOnceWhenTheQueueIsFull() async throws {
        let pool = WorkerPool(workers: 1, capacity: 1)
        defer { pool.shutdown() }
        let gate = DispatchSemaphore(value: 0)
        let first = Task { try await pool.run { gate.wait(); return 1 } }
        // Polls rather than blocking a cooperative thread (other suites share the two of them).
        while pool.inFlight < 1 { await Task.yield() }
        let second = Task { try await pool.run { 2 } }
        while pool.queueDepth < 1 { await Task.yield() }
        await #expect(throws: WorkerPoolError.self) { try await pool.run { 3 } }
        #expect(pool.inFlight == 1 && pool.queueDepth == 1)
        gate.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
    }

    @Test func sparesIdleWorkersOnlyWhileNothingWaits() async throws {
        let pool = WorkerPool(workers: 3, capacity: 4)
        defer { pool.shutdown() }
        let gate = DispatchSemaphore(value: 0)
        // One running job sees the two other workers idle.
        let alone = try await pool.run { pool.spareWorkers }
        #expect(alone == 2)
        let blockers = (0..<3).map { _ in Task { try await pool.run { gate.wait(); return 0 } } }
        // Polls rather than blocking a cooperative thread (other suites share the two of them).
        while pool.inFlight < 3 { await Task.yield() }
        let waiting = Task { try await pool.run { 0 } }
        while pool.queueDepth < 1 { await Task.yield() }
        #expect(pool.spareWorkers == 0)
        for _ in 0..<3 { gate.signal() }
        for blocker in blockers { _ = try await blocker.value }
        _ = try await waiting.value
    }

    @Test func errorsComeBackToTheCaller() async {
        struct Failure: Error {}
        let pool = WorkerPool(workers: 1, capacity: 1)
        defer { pool.shutdown() }
        await #expect(throws: Failure.self) { try await pool.run { () throws -> Int in throw Failure() } }
    }
}
