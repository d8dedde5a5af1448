import Foundation
import Testing

/// One row of ../shared/corpus/MANIFEST.tsv.
struct CorpusEntry: Sendable, CustomTestStringConvertible {
    let file: String
    let exercises: String
    let width: Int?
    let height: Int?
    let frames: Int?
    let measuredBy: String

    var url: URL { CorpusManifest.root.appendingPathComponent(file) }
    var folder: String { String(file.split(separator: "/").first ?? "") }
    var isHostile: Bool { folder == "bad" }
    var testDescription: String { file }
    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: url)) }
}

/// The shared conformance corpus; tests over it are skipped when it is absent (CI always has it).
enum CorpusManifest {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("MANIFEST.tsv").path) }

    static let entries: [CorpusEntry] = {
        guard let text = try? String(contentsOf: root.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 11 else { return nil }
            return CorpusEntry(file: columns[0], exercises: columns[4], width: Int(columns[5]), height: Int(columns[6]),
                               frames: Int(columns[7]), measuredBy: columns[10])
        }
    }()

    static func entries(where predicate: (CorpusEntry) -> Bool) -> [CorpusEntry] { entries.filter(predicate) }
}
