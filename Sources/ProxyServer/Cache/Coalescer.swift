import Synchronization

/// Runs identical concurrent work once: the first caller for a key starts it, later callers wait for the same
/// result or error. The work runs in its own task, so a caller that goes away (a cancelled viewer) returns at once
/// without cancelling what others wait on; when every caller has gone, the work is cancelled (it leaves the
/// admission line, its fetch stops) and the next caller for the key starts afresh.
final class Coalescer<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Flight {
        let task: Task<Value, any Error>
        /// Callers waiting now.
        var waiters: [CoalescedWaiter<Value>]
    }

    private let inFlight = Mutex<[Key: Flight]>([:])

    /// Returns the shared result for `key`, starting `work` if nothing is in flight for it.
    /// `leader` tells whether this caller started the work.
    func run(_ key: Key, _ work: @escaping @Sendable () async throws -> Value) async throws -> (value: Value, leader: Bool) {
        let waiter = CoalescedWaiter<Value>()
        let (task, leader) = inFlight.withLock { flights -> (Task<Value, any Error>, Bool) in
            if var flight = flights[key] {
                flight.waiters.append(waiter)
                flights[key] = flight
                return (flight.task, false)
            }
            let task = Task { try await work() }
            flights[key] = Flight(task: task, waiters: [waiter])
            return (task, true)
        }
        if leader {
            Task {
                let result = await task.result
                let waiters = inFlight.withLock { flights -> [CoalescedWaiter<Value>] in
                    guard let flight = flights[key], flight.task == task else { return [] }
                    flights[key] = nil
                    return flight.waiters
                }
                for waiter in waiters { waiter.finish(result) }
            }
        }
        let value = try await withTaskCancellationHandler {
            try await waiter.value()
        } onCancel: {
            waiter.finish(.failure(CancellationError()))
            leave(key, task, waiter)
        }
        return (value, leader)
    }

    /// Keys with work in flight.
    var count: Int { inFlight.withLock { $0.count } }

    /// `waiter` has gone; the last one to go cancels the work.
    private func leave(_ key: Key, _ task: Task<Value, any Error>, _ waiter: CoalescedWaiter<Value>) {
        let abandoned = inFlight.withLock { flights -> Bool in
            guard var flight = flights[key], flight.task == task else { return false }
            flight.waiters.removeAll { $0 === waiter }
            guard flight.waiters.isEmpty else {
                flights[key] = flight
                return false
            }
            flights[key] = nil
            return true
        }
        if abandoned { task.cancel() }
    }
}
