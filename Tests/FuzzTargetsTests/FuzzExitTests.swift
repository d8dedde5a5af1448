import Foundation
@testable import FuzzTargets
import Glibc
import Testing

/// The thread census `FuzzExit` waits on at exit, read from /proc.
@Suite struct FuzzExitTests {
    /// Where a thread writes its kernel ID (read after the semaphore that orders the two).
    private final class ThreadIDBox: @unchecked Sendable {
        var id: Int32 = 0
    }

    @Test func censusHoldsAThreadWhileItRuns() throws {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let box = ThreadIDBox()
        let thread = Thread {
            box.id = Self.currentThreadID()
            started.signal()
            release.wait()
        }
        thread.start()
        started.wait()
        let census = FuzzExit.runningThreadIDs()
        release.signal()
        #expect(box.id > 0)
        #expect(census.contains(box.id))
        #expect(census.contains(getpid()))
        #expect(FuzzExit.runningThreads() >= 1)
    }

    /// The calling thread's kernel ID, from /proc/thread-self ("PID/task/TID").
    private static func currentThreadID() -> Int32 {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
        return Int32(target.split(separator: "/").last ?? "") ?? 0
    }
}
