import ImagePipeline
import NIOCore
import Synchronization

/// Bounds how many requests hold a source's bytes at once. Up to `active` requests fetch and process; up to
/// `waiting` more wait in line (first come, first served) before their fetch, holding nothing; any beyond are
/// refused at once with `WorkerPoolError.queueFull` (a 429). A request leaves the line when its deadline passes
/// (`PipelineError.deadlineExceeded`, a 504 at the deadline rather than after the wait) or its task is cancelled
/// (its client went away).
///
/// Requests that wait for a worker with their source already read are what makes the server's memory grow under a
/// burst of large images: with the gate, those are at most `active - workers`.
final class AdmissionGate: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// Why a request left the line before its turn.
    private enum Withdrawal {
        case deadline, cancelled

        var error: any Error {
            switch self {
            case .deadline: PipelineError.deadlineExceeded
            case .cancelled: CancellationError()
            }
        }
    }

    private struct State {
        var active = 0
        var line = CircularBuffer<Waiter>()
        var nextID: UInt64 = 0
        /// Requests between taking a number and joining the line, and why they left when they left early.
        var joining: [UInt64: Withdrawal?] = [:]
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

    /// Runs `body` once a place is free, or throws `queueFull` at once when the line is full too; waits no later
    /// than `deadline`.
    func admitted<T: Sendable>(until deadline: ContinuousClock.Instant? = nil,
                               _ body: () async throws -> T) async throws -> T {
        try await enter(until: deadline)
        defer { leave() }
        return try await body()
    }

    private func enter(until deadline: ContinuousClock.Instant?) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            state.joining[state.nextID] = .some(nil)
            return state.nextID
        }
        let expiry = deadline.map { deadline in
            Task { [self] in
                try? await Task.sleep(until: deadline, clock: .continuous)
                if !Task.isCancelled { withdraw(id, .deadline) }
            }
        }
        defer { expiry?.cancel() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Decision { case enter, wait, refuse(any Error) }
                let decision = state.withLock { state -> Decision in
                    if let early = state.joining.removeValue(forKey: id) ?? nil { return .refuse(early.error) }
                    if state.active < active, state.line.isEmpty {
                        state.active += 1
                        return .enter
                    }
                    guard state.line.count < waiting else { return .refuse(WorkerPoolError.queueFull) }
                    state.line.append(Waiter(id: id, continuation: continuation))
                    return .wait
                }
                switch decision {
                case .enter: continuation.resume()
                case .refuse(let error): continuation.resume(throwing: error)
                case .wait: break
                }
            }
        } onCancel: {
            withdraw(id, .cancelled)
        }
    }

    /// Takes request `id` out of the line and fails it, if it is still waiting (or about to join).
    private func withdraw(_ id: UInt64, _ reason: Withdrawal) {
        let waiter = state.withLock { state -> Waiter? in
            if state.joining[id] != nil {
                state.joining[id] = .some(reason)
                return nil
            }
            guard let index = state.line.firstIndex(where: { $0.id == id }) else { return nil }
            return state.line.remove(at: index)
        }
        waiter?.continuation.resume(throwing: reason.error)
    }

    /// Hands the place to the first in line, or frees it.
    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if let first = state.line.popFirst() { return first.continuation }
            state.active -= 1
            return nil
        }
        next?.resume()
    }
}
