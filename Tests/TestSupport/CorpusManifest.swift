import Foundation

/// One row of ../shared/corpus/MANIFEST.tsv.
public struct CorpusEntry: Sendable {
    public let file: String
    public let exercises: String
    public let width: Int?
    public let height: Int?
    public let frames: Int?
    public let measuredBy: String

    public var url: URL { TestPaths.corpus.appendingPathComponent(file) }
    /// The first path component: `jpeg`, `gif`, `bad`, ...
    public var folder: String { String(file.split(separator: "/").first ?? "") }
    /// Whether the file is one of the hostile ones.
    public var isHostile: Bool { folder == "bad" }
    public func bytes() throws -> [UInt8] { Array(try Data(contentsOf: url)) }
}

/// The shared conformance corpus, read from its manifest; empty when the corpus is absent.
public enum CorpusManifest {
    /// Whether the corpus is there.
    public static var isAvailable: Bool { TestPaths.corpusAvailable }

    /// Every row of the manifest.
    public static let entries: [CorpusEntry] = {
        let manifest = TestPaths.corpus.appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 11 else { return nil }
            return CorpusEntry(file: columns[0], exercises: columns[4], width: Int(columns[5]), height: Int(columns[6]),
                               frames: Int(columns[7]), measuredBy: columns[10])
        }
    }()

    /// The rows that match.
    public static func entries(where predicate: (CorpusEntry) -> Bool) -> [CorpusEntry] { entries.filter(predicate) }
}
