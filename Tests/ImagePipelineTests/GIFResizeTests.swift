import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport
import VipsKit

/// The dedicated GIF resizer: exact at the source size through two independent decoders (so the LZW encoder, its
/// deferred clears, the differencing and the disposal it chooses are all checked), and on the corpus at half size.
struct GIFResizeTests {
    static let processor = try! ImageProcessor()

    /// A 200x150 animation on a transparent background: a block of 216-colour noise (which fills the LZW table
    /// many times) moves and shrinks, so pixels turn opaque and back to transparent from frame to frame.
    static func movingNoise(frames: Int = 6) throws -> [UInt8] {
        let width = 200, height = 150
        var state: UInt64 = 11
        let settings = FrameEncoderSettings(width: width, height: height, plays: 0, quality: 80, hasAlpha: true,
                                            encoder: EncoderConfiguration(), gifDither: 0, losslessWebP: true)
        let encoder = try FrameEncoders.make(.gif, settings: settings, keepsPalettes: false)
        for frame in 0..<frames {
            var pixels = [UInt8](repeating: 0, count: width * height * 4)
            let left = frame * 12, top = frame * 7, size = 110 - frame * 9
            for y in top..<min(height, top + size) {
                for x in left..<min(width, left + size + 30) {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    let value = Int(state >> 40)
                    let offset = (y * width + x) * 4
                    pixels[offset] = UInt8(value % 6 * 51)
                    pixels[offset + 1] = UInt8(value / 6 % 6 * 51)
                    pixels[offset + 2] = UInt8(value / 36 % 6 * 51)
                    pixels[offset + 3] = 255
                }
            }
            try encoder.add(pixels, delay: 70 + frame * 10, palette: nil)
        }
        return try encoder.finish()
    }

    /// Every frame composited by our giflib decoder (RGBA).
    static func ourFrames(_ bytes: [UInt8]) throws -> [[UInt8]] {
        let decoder = try GIFFrameDecoder.open(bytes, loopCount: nil, limits: ImageLimits())
        var frames: [[UInt8]] = []
        while let frame = try decoder.next() { frames.append(frame.pixels) }
        return frames
    }

    /// Every frame composited by libvips' own GIF loader (RGBA).
    static func libvipsFrames(_ bytes: [UInt8]) throws -> [[UInt8]] {
        let strip = try VImage.load(bytes, as: .gif, options: LoadOptions(allFrames: true))
        let pageHeight = strip.integer(named: "page-height") ?? strip.height
        return try (0..<strip.height / pageHeight).map { index in
            try strip.cropped(left: 0, top: index * pageHeight, width: strip.width, height: pageHeight).rgbaBytes()
        }
    }

    static func resized(_ bytes: [UInt8], _ options: String) throws -> ProcessedImage? {
        let plan = try processor.plan(bytes, options: try ProcessingOptions(parsing: options))
        #expect(GIFResize.takes(plan, configuration: processor.configuration))
        return try GIFResize.render(bytes, plan: plan, configuration: processor.configuration, deadline: nil)
    }

    @Test func sameSizeResizeShowsEveryFrameExactly() throws {
        let source = try Self.movingNoise()
        let result = try #require(try Self.resized(source, "rs:fit:200:150"))
        let expected = try Self.ourFrames(source)
        #expect(expected.count == 6)
        for decoded in [try Self.ourFrames(result.bytes), try Self.libvipsFrames(result.bytes)] {
            #expect(decoded.count == expected.count)
            for (index, (ours, reference)) in zip(decoded, expected).enumerated() {
                let same = ours == reference
                #expect(same, "frame \(index) differs")
            }
        }
        let info = try Self.processor.probe(result.bytes)
        let sourceInfo = try Self.processor.probe(source)
        #expect(info.frameDelays == sourceInfo.frameDelays)
        #expect(AnimationLoop.plays(info) == 0)
    }

    @Test func loopCountIsKept() throws {
        // The encoder writes repeats; 3 plays are 2 repeats.
        var source = try Self.movingNoise(frames: 2)
        let netscape: [UInt8] = Array("NETSCAPE2.0".utf8)
        let at = try #require(source.indices.first { source[$0..<min(source.count, $0 + 11)].elementsEqual(netscape) })
        source[at + 13] = 2
        source[at + 14] = 0
        let result = try #require(try Self.resized(source, "rs:fit:100:100"))
        #expect(AnimationLoop.plays(try Self.processor.probe(result.bytes)) == 3)
    }

    @Test func aOneFrameGIFIsTheResizersToo() throws {
        let source = try Self.movingNoise(frames: 1)
        let options = try ProcessingOptions(parsing: "rs:fit:100:100")
        let plan = try Self.processor.plan(source, options: options)
        #expect(plan.mode == .still)
        let direct = try #require(try Self.resized(source, "rs:fit:100:100"))
        let answer = try Self.processor.process(source, options: options)
        let same = answer.bytes == direct.bytes
        #expect(same, "the still answer did not come from the resizer")
        #expect(answer.width == 100 && answer.height == 75)
        // Asked for unchanged, it is never larger than it came.
        let unchanged = try Self.processor.process(source, options: try ProcessingOptions(parsing: "f:gif"))
        #expect(unchanged.bytes.count <= source.count)
        let exact = try Self.ourFrames(unchanged.bytes) == Self.ourFrames(source)
        #expect(exact)
    }

    static let corpusGIFs = CorpusManifest.entries { $0.folder == "gif" && !$0.isHostile && ($0.frames ?? 1) > 1 }

    @Test(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"), arguments: corpusGIFs)
    func halfSizeIsTheResizersAndNeverGrows(entry: CorpusEntry) throws {
        let source = try entry.bytes()
        let info = try Self.processor.probe(source)
        let side = max(16, max(info.width, info.height) / 2)
        let options = "rs:fit:\(side):\(side)"
        let answer = try Self.processor.process(source, options: try ProcessingOptions(parsing: options))
        #expect(answer.bytes.count <= source.count, "\(source.count) -> \(answer.bytes.count)")
        #expect(answer.frames == info.frames)
        if let direct = try Self.resized(source, options), direct.bytes.count <= source.count {
            let same = direct.bytes == answer.bytes
            #expect(same, "the answer did not come from the resizer")
        }
        let out = try Self.processor.probe(answer.bytes)
        #expect(out.frameDelays == info.frameDelays)
        #expect(AnimationLoop.plays(out) == AnimationLoop.plays(info))
    }

    @Test(.enabled(if: CorpusManifest.isAvailable, "../shared/corpus is absent"), arguments: corpusGIFs)
    func unchangedSizeIsExactAndNoLarger(entry: CorpusEntry) throws {
        let source = try entry.bytes()
        let answer = try Self.processor.process(source, options: try ProcessingOptions(parsing: "f:gif"))
        #expect(answer.bytes.count <= source.count)
        let expected = try Self.ourFrames(source)
        let produced = try Self.ourFrames(answer.bytes)
        #expect(produced.count == expected.count)
        for (index, (ours, reference)) in zip(produced, expected).enumerated() {
            let same = ours == reference
            #expect(same, "frame \(index) differs")
        }
    }
}
