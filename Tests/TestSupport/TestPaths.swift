import Foundation

/// Where the tests find the repository's samples and the shared corpus.
public enum TestPaths {
    /// The repository's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// `Samples/`: images made for this repository.
    public static let samples = repository.appendingPathComponent("Samples")
    /// `../shared/corpus`: the labelled real-world and hostile files (absent outside the project's machines).
    public static let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    /// Whether the corpus is there; corpus-wide tests are skipped without it (CI always has it).
    public static var corpusAvailable: Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path)
    }

    /// A sample's bytes.
    public static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(name)))
    }
}
