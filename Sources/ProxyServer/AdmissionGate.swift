import NIOCore
import Synchronization

/// Bounds how many requests hold a source's bytes at once. Up to `active` requests fetch and process; up to
/// `waiting` more wait in line (first come, first served) before their fetch, holding nothing; any beyond are
/// refused at once with `WorkerPoolError.queueFull` (a 429).
///
/// Requests that wait for a worker with their source already read are what makes the server's memory grow under a
/// burst of large images: with the gate, those are at most `active - workers`.
final class AdmissionGate: Sendable {
    private struct State {
        var active = 0
        var line = CircularBuffer<CheckedContinuation<Void, any Error>>()
    }

    /// Requests that may fetch and process at once.
    let active: Int
    /// Requests that may wait for one of those places.
    let waiting: Int
    private let state = Mutex(State())

    init(active: Int, waiting: Int) {
        precondition(active > 0 && waiting >= 0)
        self.active = active
        self.waiting = waiting
    }

    /// Requests waiting in line now.
    var queueDepth: Int { state.withLock { $0.line.count } }
    /// Requests holding a place now.
    var inProgress: Int { state.withLock { $0.active } }

    /// Runs `body` once a place is free, or throws `queueFull` at once when the line is full too.
    func admitted<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enum Decision { case enter, wait, refuse }
            let decision = state.withLock { state -> Decision in
                if state.active < active, state.line.isEmpty {
                    state.active += 1
                    return .enter
                }
                guard state.line.count < waiting else { return .refuse }
                state.line.append(continuation)
                return .wait
            }
            switch decision {
            case .enter: continuation.resume()
            case .refuse: continuation.resume(throwing: WorkerPoolError.queueFull)
            case .wait: break
            }
        }
    }

    /// Hands the place to the first in line, or frees it.
    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if let first = state.line.popFirst() { return first }
            state.active -= 1
            return nil
        }
        next?.resume()
    }
}
