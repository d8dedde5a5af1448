import Foundation
import Synchronization

/// A fixed set of threads for libvips work, with a bounded queue in front.
///
/// `run` never blocks the caller's thread: the job waits in the queue (or is refused at once with
/// `WorkerPoolError.queueFull` when the queue is full), then runs on a pool thread, and the caller resumes
/// with its result. Memory is bounded by `workers + capacity` jobs.
public final class WorkerPool: Sendable {
    private struct Job {
        let work: @Sendable () -> Void
    }

    private struct State {
        /// Waiting jobs from `head` on; a taken job's slot is emptied at once, so what it captured (a source's
        /// bytes) is freed when it finishes, not when the queue is next compacted.
        var queue: [Job?] = []
        var head = 0
        var running = 0
        var stopped = false
        var waiting: Int { queue.count - head }
    }

    public let workers: Int
    public let capacity: Int
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    /// Starts `workers` threads (8 MB stacks, for libvips) with room for `capacity` waiting jobs.
    public init(workers: Int, capacity: Int) {
        self.workers = workers
        self.capacity = capacity
        for index in 0..<workers {
            let thread = Thread { [self] in self.loop() }
            thread.name = "media-proxy-worker-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Jobs waiting for a thread.
    public var queueDepth: Int { state.withLock { $0.waiting } }
    /// Jobs running now.
    public var inFlight: Int { state.withLock { $0.running } }
    /// Threads a running job may borrow now: the idle ones, and none while jobs wait.
    public var spareWorkers: Int { state.withLock { $0.waiting > 0 ? 0 : max(0, workers - $0.running) } }

    /// Runs `work` on a pool thread, or throws `queueFull` at once.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job { continuation.resume(with: Result { try work() }) }
            let accepted = state.withLock { state -> Bool in
                // Admitted jobs (running or waiting) never exceed workers + capacity.
                guard !state.stopped, state.running + state.waiting < workers + capacity else {
                    return false
                }
                state.queue.append(job)
                return true
            }
            if accepted {
                available.signal()
            } else {
                continuation.resume(throwing: WorkerPoolError.queueFull)
            }
        }
    }

    /// Lets the threads finish what is queued, then end.
    public func shutdown() {
        state.withLock { $0.stopped = true }
        for _ in 0..<workers { available.signal() }
    }

    private func loop() {
        while true {
            available.wait()
            let job = state.withLock { state -> Job? in
                guard state.head < state.queue.count else { return nil }
                let job = state.queue[state.head]
                state.queue[state.head] = nil
                state.head += 1
                if state.head > 64, state.head * 2 > state.queue.count {
                    state.queue.removeFirst(state.head)
                    state.head = 0
                }
                state.running += 1
                return job
            }
            guard let job else {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            job.work()
            state.withLock { $0.running -= 1 }
        }
    }
}

/// The queue in front of the workers is full.
public enum WorkerPoolError: Error, Sendable {
    case queueFull
}
