import ImagePipeline
import OriginTestServer
@testable import ProxyServer
import Synchronization
import Testing

@Suite struct AdmissionGateTests {
    /// The order in which bodies entered.
    final class Entries: Sendable {
        private let numbers = Mutex<[Int]>([])
        func append(_ number: Int) { numbers.withLock { $0.append(number) } }
        var all: [Int] { numbers.withLock { $0 } }
    }

    /// Polls briefly (other suites share the cooperative threads); fails the test when it never holds.
    func eventually(_ condition: () -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition(), ContinuousClock.now < deadline { await Task.yield() }
        #expect(condition())
    }

    @Test func holdsAtMostActiveLetsTheLineWaitInOrderAndRefusesBeyondIt() async throws {
        let gate = AdmissionGate(active: 2, waiting: 2)
        let latch = Gate()
        let entered = Entries()
        func request(_ number: Int) -> Task<Int, any Error> {
            Task {
                try await gate.admitted {
                    entered.append(number)
                    await latch.wait()
                    return number
                }
            }
        }
        let first = [request(0), request(1)]
        await eventually { gate.inProgress == 2 }
        let third = request(2)
        await eventually { gate.queueDepth == 1 }
        let fourth = request(3)
        await eventually { gate.queueDepth == 2 }
        await #expect(throws: WorkerPoolError.self) { try await gate.admitted { 4 } }
        #expect(Set(entered.all) == [0, 1])
        latch.open()
        var answers: [Int] = []
        for task in first + [third, fourth] { answers.append(try await task.value) }
        #expect(answers == [0, 1, 2, 3])
        #expect(Array(entered.all.suffix(2)) == [2, 3])
        #expect(gate.inProgress == 0 && gate.queueDepth == 0)
    }

    @Test func aWaiterLeavesTheLineAtItsDeadlineOrWhenCancelled() async throws {
        let gate = AdmissionGate(active: 1, waiting: 2)
        let latch = Gate()
        let holder = Task { try await gate.admitted { await latch.wait() } }
        await eventually { gate.inProgress == 1 }
        // A waiter whose deadline passes while the place is held gets the deadline error then, not after the wait.
        let start = ContinuousClock.now
        await #expect(throws: PipelineError.deadlineExceeded) {
            try await gate.admitted(until: .now + .milliseconds(200)) { 1 }
        }
        #expect(start.duration(to: .now) < .seconds(5))
        #expect(gate.queueDepth == 0)
        // A cancelled waiter (its client went away) leaves the line too.
        let cancelled = Task { try await gate.admitted { 2 } }
        await eventually { gate.queueDepth == 1 }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(gate.queueDepth == 0)
        latch.open()
        try await holder.value
        #expect(try await gate.admitted(until: .now + .seconds(5)) { 3 } == 3)
        #expect(gate.inProgress == 0)
    }

    @Test func aFailingBodyGivesItsPlaceBack() async throws {
        struct Failure: Error {}
        let gate = AdmissionGate(active: 1, waiting: 0)
        await #expect(throws: Failure.self) { try await gate.admitted { () async throws -> Int in throw Failure() } }
        #expect(gate.inProgress == 0)
        #expect(try await gate.admitted { 7 } == 7)
    }

    @Test func theDefaultHoldsTwiceTheWorkersAndKeepsTheTotalOfWorkersAndQueue() throws {
        var configuration = ServerConfiguration()
        configuration.workers = 3
        configuration.queue = 10
        #expect(configuration.admittedActive == 6 && configuration.admittedWaiting == 7)
        configuration.queue = 1
        #expect(configuration.admittedActive == 4 && configuration.admittedWaiting == 0)
        configuration.activeRequests = 2
        #expect(configuration.admittedActive == 2 && configuration.admittedWaiting == 2)
        configuration.activeRequests = 0
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
    }
}
