import Foundation
import FuzzTargets
import Testing
import TestSupport

/// Every target over the seeds `scripts/fuzz` makes from the shared corpus: no finding, and no crash.
@Suite(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"))
struct FuzzCorpusTests {
    @Test(arguments: FuzzTarget.all.map(\.name))
    func corpusSeedsRaiseNoFinding(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let table = try String(contentsOf: TestPaths.repository.appendingPathComponent("Fuzz/targets.tsv"), encoding: .utf8)
        let line = try #require(table.split(separator: "\n").first { $0.hasPrefix(name + "\t") })
        let columns = line.split(separator: "\t")
        let maxLength = try #require(Int(columns[1]))
        let files = columns[2].split(separator: " ").flatMap { paths(matching: String($0)) }
        var index = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path), data.count <= maxLength else { continue }
            #expect(throws: Never.self, "\(name): \(file.lastPathComponent)") {
                try target.run(target.seed(from: [UInt8](data), index: index))
            }
            index += 1
        }
        #expect(index > 0, "no seed for \(name)")
    }

    /// The files a `folder/pattern` glob of the table names (`corpus/` is the shared corpus), where the pattern
    /// is `*`, `*.ext` or `*/*`.
    private func paths(matching glob: String) -> [URL] {
        let root = glob.hasPrefix("corpus/") ? TestPaths.corpus : TestPaths.repository
        let relative = glob.hasPrefix("corpus/") ? String(glob.dropFirst("corpus/".count)) : glob
        let parts = relative.split(separator: "/").map(String.init)
        var folders = [root]
        for part in parts.dropLast() {
            folders = part == "*" ? folders.flatMap(children) : folders.map { $0.appendingPathComponent(part) }
        }
        let pattern = parts.last ?? "*"
        return folders.flatMap(children).filter { url in
            pattern == "*" || (pattern.hasPrefix("*.") && url.lastPathComponent.hasSuffix(pattern.dropFirst()))
        }
    }

    private func children(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
