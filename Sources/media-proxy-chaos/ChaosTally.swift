import Foundation
import MediaFormats
import Synchronization

/// Counts the chaos round's answers and judges each against its mode's expectation.
final class ChaosTally: Sendable {
    private struct Counts {
        var requests = 0
        var correct = 0
        var wrong = 0
        var dropped = 0
        var byKind: [String: Int] = [:]
        var examples: [String] = []
        var seconds: [Double] = []
    }

    private let counts = Mutex(Counts())
    /// The proxy's per-request deadline in seconds: a 504 that took at least this long is load shed, not wrong.
    let deadline: Double

    init(deadline: Double) {
        self.deadline = deadline
    }

    /// Judges `answer` to `request` served as `mode`, given the reference answer's body.
    func record(_ answer: ChaosAnswer, request: ChaosRequest, mode: ChaosMode, reference: [UInt8], path: String) {
        let verdict = Self.judge(answer, request: request, mode: mode, reference: reference, deadline: deadline)
        counts.withLock { counts in
            counts.requests += 1
            counts.seconds.append(answer.seconds)
            counts.byKind["\(mode.rawValue) -> \(answer.status.map(String.init) ?? "dropped")", default: 0] += 1
            switch verdict {
            case .correct: counts.correct += 1
            case .dropped: counts.dropped += 1
            case .wrong(let why):
                counts.wrong += 1
                if counts.examples.count < 10 { counts.examples.append("\(path): \(why)") }
            }
        }
    }

    private enum Verdict {
        case correct
        case wrong(String)
        case dropped
    }

    private static func judge(_ answer: ChaosAnswer, request: ChaosRequest, mode: ChaosMode,
                              reference: [UInt8], deadline: Double) -> Verdict {
        guard let status = answer.status else { return .dropped }
        // Shedding load (429) is a right answer under any mode; an error must be the short JSON error.
        if status != 200 && !answer.body.starts(with: Array("{\"error\"".utf8)) {
            return .wrong("\(status) without a JSON error body")
        }
        // So is a 504 at the deadline: a saturated proxy answers that rather than late (never earlier).
        if status == 429 || (status == 504 && answer.seconds >= deadline - 0.05) { return .correct }
        switch mode.expectation {
        case .reference:
            if status == 200 && answer.body == reference { return .correct }
            return .wrong(status == 200 ? "200 with \(answer.body.count) bytes unlike the reference's \(reference.count)"
                                        : "\(status) where the reference was expected")
        case .error(let statuses):
            return statuses.contains(status) ? .correct : .wrong("\(status), expected one of \(statuses.sorted())")
        case .imageOrError(let statuses):
            if statuses.contains(status) { return .correct }
            guard status == 200 else { return .wrong("\(status), expected an image or one of \(statuses.sorted())") }
            if answer.body == reference { return .correct }
            let expected = ImageFormat(extension: request.format)
            // An APNG is a PNG to its first bytes.
            let isAnswer = expected.map { ImageFormat.sniff(answer.body) == ($0 == .apng ? .png : $0) }
                ?? answer.body.starts(with: [123])
            return isAnswer ? .correct : .wrong("200 that is not a \(request.format) file")
        }
    }

    /// The round's figures, as lines to print.
    func report(elapsed: Double) -> [String] {
        counts.withLock { counts in
            let sorted = counts.seconds.sorted()
            func percentile(_ p: Double) -> String {
                guard !sorted.isEmpty else { return "-" }
                let value = sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
                return String(format: "%.1f ms", value * 1_000)
            }
            var lines = [
                "requests \(counts.requests) in \(String(format: "%.1f", elapsed)) s "
                    + "(\(String(format: "%.0f", Double(counts.requests) / max(elapsed, 0.001))) req/s)",
                "correct \(counts.correct), wrong \(counts.wrong), dropped connections \(counts.dropped)",
                "latency p50 \(percentile(0.5)), p90 \(percentile(0.9)), p99 \(percentile(0.99)), max \(percentile(1))",
                "answers by origin mode:",
            ]
            lines += counts.byKind.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
            if !counts.examples.isEmpty { lines += ["wrong answers (first \(counts.examples.count)):"] + counts.examples.map { "  " + $0 } }
            return lines
        }
    }

    /// Whether every answer was right and no connection dropped.
    var passed: Bool {
        counts.withLock { $0.wrong == 0 && $0.dropped == 0 }
    }
}
