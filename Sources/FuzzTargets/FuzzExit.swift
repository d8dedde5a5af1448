import Foundation
import Glibc
import Synchronization
import VipsKit

/// What a fuzzing process does as it exits, before LeakSanitizer's check at exit: it ends every thread it started,
/// so that the check has only the threads it can scan.
///
/// LeakSanitizer (compiler-rt 21) finds a live thread's stack and TLS by its kernel thread ID in a registry that
/// keeps every joinable thread that ever ended (`pthread_join` no longer retires it there). Once a process has
/// started more threads than the kernel has IDs (`pid_max`, 32,768 on many hosts), a live thread can carry the ID
/// of an ended one; LeakSanitizer then finds the ended one, scans nothing, and reports what the live thread holds
/// only in its TLS (GLib's slice magazine, libgomp's thread pool) as leaked. A long pipeline run starts that many
/// (libvips' workers leave after 15 s idle; the HEIF, AVIF and JPEG XL decoders start their own). Threads that end
/// free what they hold in their destructors, and the main thread is always found, so a check with no other thread
/// left sees true leaks only.
public enum FuzzExit {
    /// Threads alive before the first input (the main thread, libFuzzer's memory watcher).
    private static let baseline = Mutex<Int?>(nil)

    /// Records how many threads the process has before it runs anything; call before each input (only the first
    /// call counts).
    public static func recordBaseline() {
        baseline.withLock { if $0 == nil { $0 = runningThreads() } }
    }

    /// Shuts libvips down and waits, at most `seconds`, until only the threads of the baseline remain (idle
    /// libdispatch workers leave after 5 s); says on standard error how many are left if some are. Only at exit:
    /// libvips is unusable afterwards.
    public static func endThreads(waitingAtMost seconds: Double = 30) {
        VipsRuntime.shutDownAtExit()
        guard let expected = baseline.withLock({ $0 }) else { return }
        var left = runningThreads()
        var waited = 0.0
        while left > expected && waited < seconds {
            usleep(100_000)
            waited += 0.1
            left = runningThreads()
        }
        if left > expected {
            let message = "media-proxy-fuzz: \(left - expected) threads still running at exit; LeakSanitizer may "
                + "report what only they hold (see FuzzExit)\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
    }

    /// How many threads this process has now; 0 when /proc cannot be read.
    static func runningThreads() -> Int { runningThreadIDs().count }

    /// The kernel IDs of this process's threads now (the entries of /proc/self/task).
    static func runningThreadIDs() -> Set<Int32> {
        guard let folder = opendir("/proc/self/task") else { return [] }
        defer { closedir(folder) }
        var ids = Set<Int32>()
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let id = Int32(name) { ids.insert(id) }
        }
        return ids
    }
}
