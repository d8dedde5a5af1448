import Foundation
import ImageSources
import Synchronization

/// The Date header's text for now, formatted once a second rather than once an answer.
final class HTTPDateClock: Sendable {
    private let last = Mutex<(second: Int, text: String)>((-1, ""))

    /// Now, as an IMF-fixdate.
    var now: String {
        let second = Int(time(nil))
        if let text = last.withLock({ $0.second == second ? $0.text : nil }) { return text }
        let text = HTTPDate.format(Date(timeIntervalSince1970: TimeInterval(second)))
        last.withLock { $0 = (second, text) }
        return text
    }
}
