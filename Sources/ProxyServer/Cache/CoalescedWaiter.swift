import Synchronization

/// One caller's wait for coalesced work: resumed once, by the work's result or by the caller's own cancellation,
/// whichever comes first (and whether it comes before or after the caller starts waiting).
final class CoalescedWaiter<Value: Sendable>: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Value, any Error>)
        case finished(Result<Value, any Error>)
        case resumed
    }

    private let state = Mutex(State.idle)

    /// Waits for `finish`.
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let early = state.withLock { state -> Result<Value, any Error>? in
                guard case .finished(let result) = state else {
                    state = .waiting(continuation)
                    return nil
                }
                state = .resumed
                return result
            }
            if let early { continuation.resume(with: early) }
        }
    }

    /// Delivers `result`, unless one was delivered already.
    func finish(_ result: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            switch state {
            case .idle:
                state = .finished(result)
                return nil
            case .waiting(let continuation):
                state = .resumed
                return continuation
            case .finished, .resumed:
                return nil
            }
        }
        continuation?.resume(with: result)
    }
}
