import Foundation

/// Facts about the machine and the process.
enum System {
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Resident set size in bytes, from /proc/self/statm (0 where unavailable).
    static var residentBytes: Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
