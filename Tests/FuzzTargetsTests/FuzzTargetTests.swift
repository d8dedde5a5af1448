import Foundation
import FuzzTargets
import ImageOptions
import ImagePipeline
import MediaFormats
import Testing
import TestSupport

/// The fuzz targets themselves: the table `scripts/fuzz` reads names each of them, every committed reproducer
/// stays fixed, and real inputs go all the way through each target (a target that refuses everything would fuzz
/// nothing).
@Suite struct FuzzTargetTests {
    @Test func targetsTableNamesEveryTargetInOrder() throws {
        let table = try String(contentsOf: TestPaths.repository.appendingPathComponent("Fuzz/targets.tsv"), encoding: .utf8)
        let names = table.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: "\t")[0]) }
        #expect(names == FuzzTarget.all.map(\.name))
        #expect(Set(names).count == names.count)
    }

    @Test func everyReproducerIsFixed() throws {
        let folder = TestPaths.repository.appendingPathComponent("Fuzz/reproducers")
        let targets = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        var replayed = 0
        for name in targets {
            let target = try #require(FuzzTarget.named(name), "Fuzz/reproducers/\(name) names no target")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)
            for file in files where !file.hasPrefix(".") {
                let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name).appendingPathComponent(file)))
                #expect(throws: Never.self, "\(name)/\(file)") { try target.run(bytes) }
                replayed += 1
            }
        }
        #expect(replayed > 0)
    }

    @Test(arguments: [("probe", "landscape.jpg"), ("probe", "clip.mp4"), ("pipeline", "pattern.gif"),
                      ("pipeline", "logo.png"), ("pipeline", "rotated-exif6.jpg"), ("planar-jpeg", "landscape.jpg"),
                      ("gif-decode", "pattern.gif"), ("gif-resize", "pattern.gif"), ("webp-decode", "logo.webp"),
                      ("video-frame", "clip.mp4"), ("apng-decode", "pattern-apng.png"), ("probe", "logo.jxl"),
                      ("pipeline", "logo.jxl"), ("pipeline", "pattern-apng.png")])
    func aSampleGoesThrough(target name: String, sample: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let file = try [UInt8](Data(contentsOf: TestPaths.samples.appendingPathComponent(sample)))
        // Seeds differ in their parameter bytes: at least one of a few must go through.
        let through = try (0..<4).filter { try target.run(target.seed(from: file, index: $0)) }
        #expect(!through.isEmpty, "\(name) refused every seed made from \(sample)")
    }

    @Test func anAVIFGoesThroughTheDecoder() throws {
        let target = try #require(FuzzTarget.named("avif-decode"))
        let png = try [UInt8](Data(contentsOf: TestPaths.samples.appendingPathComponent("logo.png")))
        let avif = try ImageProcessor().process(png, options: try ProcessingOptions(parsing: "rs:fit:32:32/f:avif"))
        #expect(ImageFormat.sniff(avif.bytes) == .avif)
        #expect(try target.run(avif.bytes))
    }

    @Test(arguments: ["gif-encode", "webp-encode", "avif-encode", "apng-encode"])
    func encodersRoundTripMadeUpFrames(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        for seed in 0..<6 {
            var state = UInt64(seed) &+ 0x5EED
            let bytes = (0..<300).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            #expect(try target.run(bytes), "\(name) seed \(seed)")
        }
    }

    @Test func optionSeedsPlanForSomeHeader() throws {
        let target = try #require(FuzzTarget.named("plan"))
        let folder = TestPaths.repository.appendingPathComponent("Fuzz/seeds/options")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        var through = 0
        for file in files {
            let text = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            for index in 0..<7 where try target.run(target.seed(from: text, index: index)) { through += 1 }
        }
        #expect(through > 0)
    }

    @Test func optionSeedsParseAndRoundTrip() throws {
        let target = try #require(FuzzTarget.named("options"))
        let folder = TestPaths.repository.appendingPathComponent("Fuzz/seeds/options")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(try target.run(bytes), "\(file) does not parse")
        }
    }
}
