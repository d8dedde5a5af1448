import Synchronization

/// Runs identical concurrent work once: the first caller for a key starts it, later callers wait for the same
/// result or error. The work runs in its own task, so a caller that goes away (a cancelled viewer) does not
/// cancel what others wait on.
final class Coalescer<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let inFlight = Mutex<[Key: Task<Value, any Error>]>([:])

    /// Returns the shared result for `key`, starting `work` if nothing is in flight for it.
    /// `leader` tells whether this caller started the work.
    func run(_ key: Key, _ work: @escaping @Sendable () async throws -> Value) async throws -> (value: Value, leader: Bool) {
        let (task, leader) = inFlight.withLock { tasks -> (Task<Value, any Error>, Bool) in
            if let task = tasks[key] { return (task, false) }
            let task = Task { try await work() }
            tasks[key] = task
            return (task, true)
        }
        if leader {
            Task {
                _ = await task.result
                inFlight.withLock { tasks in tasks[key] = nil }
            }
        }
        return (try await task.value, leader)
    }

    /// Keys with work in flight.
    var count: Int { inFlight.withLock { $0.count } }
}
