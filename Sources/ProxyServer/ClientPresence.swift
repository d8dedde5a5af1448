import Synchronization

/// Whether the client of one connection is still there, and what to cancel when it leaves: the request being
/// answered on that connection (HTTP/1 answers one at a time). Set by `ClientDepartureHandler`.
final class ClientPresence: Sendable {
    private struct State {
        var gone = false
        var onDeparture: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Whether the client has closed its side of the connection, or the connection has closed.
    var isGone: Bool { state.withLock { $0.gone } }

    /// Runs `body` in a task of its own that is cancelled when the client leaves or the caller is cancelled, so
    /// a request nobody waits for any more leaves the admission line and its coalesced work at once.
    func cancellingOnDeparture<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let alreadyGone = state.withLock { state -> Bool in
            if !state.gone { state.onDeparture = { task.cancel() } }
            return state.gone
        }
        if alreadyGone { task.cancel() }
        defer { state.withLock { $0.onDeparture = nil } }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// Marks the client gone and cancels what it was waiting for.
    func depart() {
        let action = state.withLock { state -> (@Sendable () -> Void)? in
            state.gone = true
            defer { state.onDeparture = nil }
            return state.onDeparture
        }
        action?()
    }
}
