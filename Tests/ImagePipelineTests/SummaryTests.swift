import Foundation
import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport
import VipsKit

/// `/info`'s additions: BlurHash checked against the reference Python implementation from PyPI, the dominant
/// colour, and a summary for every corpus file (hostile ones refused, none crashing).
@Suite struct SummaryTests {
    @Test func blurHashAgreesWithThePythonReference() throws {
        var state: UInt64 = 11
        var pixels = [UInt8](repeating: 0, count: 20 * 15 * 3)
        for index in pixels.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            pixels[index] = UInt8(truncatingIfNeeded: state >> 56) / 2 + UInt8(index % 60)
        }
        let script = """
            import json, sys
            from blurhash.blurhash import blurhash_encode
            flat = json.loads(sys.argv[1]); width, height = 20, 15
            rows = [[flat[(y * width + x) * 3:(y * width + x) * 3 + 3] for x in range(width)] for y in range(height)]
            print(blurhash_encode(rows, 4, 3))
            """
        let json = "[" + pixels.map(String.init).joined(separator: ",") + "]"
        let reference = try PythonTools.run(script, arguments: [json], packages: ["blurhash"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(BlurHash.encode(rgb: pixels, width: 20, height: 15) == reference)
        #expect(reference.count == 6 + 2 * 11)
    }

    @Test func dominantColourIsTheLargestArea() {
        let red: [UInt8] = [200, 10, 10], blue: [UInt8] = [10, 10, 200]
        let pixels = Array([[UInt8]](repeating: red, count: 70).joined()) + Array([[UInt8]](repeating: blue, count: 30).joined())
        #expect(DominantColour.hex(rgb: pixels) == "#c80a0a")
        #expect(DominantColour.hex(rgb: []) == nil)
    }

    @Test func summaryOfASampleHasItsPlaceholder() throws {
        let bytes = Array(try Data(contentsOf: TestPaths.samples.appendingPathComponent("landscape.jpg")))
        let summary = try Synthetic.processor.summary(bytes)
        #expect(summary.bytes == bytes.count && summary.mimeType == "image/jpeg" && !summary.hdr)
        #expect(summary.blurHash?.count == 28 && summary.dominantColor?.count == 7)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(summary)) as? [String: Any]
        #expect(json?["width"] as? Int == 1600 && json?["blurHash"] as? String == summary.blurHash)
    }

    @Test(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"),
          arguments: CorpusManifest.entries { _ in true })
    func everyCorpusFileIsSummarisedOrRefused(entry: CorpusEntry) throws {
        let bytes = try entry.bytes()
        do {
            let summary = try Synthetic.processor.summary(bytes)
            #expect(summary.bytes == bytes.count)
            // A placeholder exactly when the pipeline can render the file.
            let renders = (try? Synthetic.process(bytes, "w:32/da:1/f:png")) != nil
            #expect((summary.blurHash != nil) == renders, "\(entry.file)")
        } catch is PipelineError {
            #expect(entry.isHostile, "\(entry.file) refused")
        }
    }
}
