import Foundation
import Synchronization

/// A one-line progress bar on stderr, drawn only when stderr is a terminal; messages print above it.
final class ProgressBar: Sendable {
    private let total: Int
    private let done = Mutex(0)
    private let interactive = isatty(STDERR_FILENO) == 1

    init(total: Int) {
        self.total = total
    }

    func advance() {
        done.withLock { count in
            count += 1
            draw(count)
        }
    }

    /// Prints a line above the bar.
    func report(_ line: String) {
        done.withLock { count in
            write((interactive ? "\r\u{1B}[K" : "") + line + "\n")
            draw(count)
        }
    }

    func finish(failures: Int) {
        let count = done.withLock { $0 }
        write((interactive ? "\r\u{1B}[K" : "") + "converted \(count - failures) of \(total) files\n")
    }

    private func draw(_ count: Int) {
        guard interactive, total > 0 else { return }
        let width = 30
        let filled = count * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        write("\r[\(bar)] \(count)/\(total)")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
