import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport
import VipsKit

/// Animated PNGs made here (blend over, dispose previous and background, sub-rectangles, a default image that is
/// not a frame), checked against FFmpeg's apng decoder, kept through conversions, and hostile variants refused.
struct APNGFixtureTests {
    static let processor = try! ImageProcessor()

    /// A 32x24 animation of four frames exercising every blend and dispose op on sub-rectangles.
    static func fixture() -> APNGWriter {
        var background = [UInt8](repeating: 0, count: 32 * 24 * 4)
        for y in 0..<24 {
            for x in 4..<32 { background.replaceSubrange(((y * 32 + x) * 4)..<((y * 32 + x) * 4 + 4), with: [UInt8(x * 8), UInt8(y * 10), 180, 255]) }
        }
        var holed = APNGWriter.solid([30, 200, 40, 255], width: 6, height: 6)
        holed.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 0])
        let frames = [
            APNGWriter.Frame(pixels: background, width: 32, height: 24, delayNumerator: 10, delayDenominator: 100),
            APNGWriter.Frame(pixels: APNGWriter.solid([255, 0, 0, 128], width: 10, height: 8), width: 10, height: 8,
                             x: 2, y: 4, delayNumerator: 1, delayDenominator: 30, dispose: 2, blend: 1),
            APNGWriter.Frame(pixels: holed, width: 6, height: 6, x: 20, y: 10, delayNumerator: 7,
                             delayDenominator: 0, dispose: 1, blend: 0),
            APNGWriter.Frame(pixels: APNGWriter.solid([0, 0, 255, 200], width: 8, height: 8), width: 8, height: 8,
                             delayNumerator: 250, delayDenominator: 1000, dispose: 0, blend: 1),
        ]
        return APNGWriter(width: 32, height: 24, frames: frames, plays: 3)
    }

    static let expectedDelays = [100, 33, 70, 250]

    /// Largest difference in alpha, and in colour where either is visible.
    static func difference(_ ours: [UInt8], _ reference: [UInt8]) -> (alpha: Int, colour: Int) {
        var alpha = 0, colour = 0
        for index in stride(from: 0, to: min(ours.count, reference.count), by: 4) {
            alpha = max(alpha, abs(Int(ours[index + 3]) - Int(reference[index + 3])))
            guard ours[index + 3] > 0 || reference[index + 3] > 0 else { continue }
            for band in 0..<3 { colour = max(colour, abs(Int(ours[index + band]) - Int(reference[index + band]))) }
        }
        return (alpha, colour)
    }

    static func decodeAll(_ bytes: [UInt8]) throws -> (frames: [[UInt8]], delays: [Int]) {
        let info = try processor.probe(bytes)
        let decoder = try FrameDecoders.open(bytes, info: info, limits: ImageLimits())
        var frames: [[UInt8]] = [], delays: [Int] = []
        while let frame = try decoder.next() {
            frames.append(frame.pixels)
            delays.append(frame.delay)
        }
        return (frames, delays)
    }

    @Test(arguments: [true, false])
    func decodesLikeFFmpeg(defaultImageIsFrame: Bool) throws {
        var writer = Self.fixture()
        writer.defaultImageIsFrame = defaultImageIsFrame
        let bytes = try writer.bytes()
        let info = try Self.processor.probe(bytes)
        #expect(info.format == .png && info.animated && info.frames == 4 && info.loopCount == 3)
        #expect(info.frameDelays == Self.expectedDelays)
        let ours = try Self.decodeAll(bytes)
        #expect(ours.delays == Self.expectedDelays)
        let reference = try ReferenceAPNGFrames.decode(bytes, width: 32, height: 24).map { try $0.pixelBytes() }
        #expect(ours.frames.count == 4 && reference.count == 4)
        for (index, (frame, expected)) in zip(ours.frames, reference).enumerated() {
            let difference = Self.difference(frame, expected)
            #expect(difference.alpha <= 1 && difference.colour <= 2, "frame \(index): \(difference)")
        }
        // Dispose previous restored the background under frame 1; dispose background cleared frame 2's square.
        #expect(Array(ours.frames[2][((6 * 32 + 4) * 4)..<((6 * 32 + 4) * 4 + 4)]) == [32, 60, 180, 255])
        #expect(ours.frames[3][(12 * 32 + 22) * 4 + 3] == 0)
    }

    @Test func keepsFramesTimingAndLoopThroughAPNG() throws {
        let bytes = try Self.fixture().bytes()
        // Asked for as it is, an APNG is answered as the source; the encoder is run here directly.
        let unchanged = try Self.processor.process(bytes, options: try ProcessingOptions(parsing: "f:apng"))
        #expect(unchanged.bytes == bytes)
        let plan = try Self.processor.plan(bytes, options: try ProcessingOptions(parsing: "f:apng"))
        let result = try AnimationProcessor(plan: plan, configuration: PipelineConfiguration())
            .render(bytes, deadline: nil, parallelism: { 1 }, keepsPalettes: false)
        #expect(result.format == .apng && result.frames == 4)
        let info = try Self.processor.probe(result.bytes)
        #expect(info.animated && info.frames == 4 && info.loopCount == 3 && info.frameDelays == Self.expectedDelays)
        let source = try ReferenceAPNGFrames.decode(bytes, width: 32, height: 24)
        let output = try ReferenceAPNGFrames.decode(result.bytes, width: 32, height: 24)
        #expect(output.count == 4)
        for (index, (ours, expected)) in zip(output, source).enumerated() {
            let difference = Self.difference(try ours.pixelBytes(), try expected.pixelBytes())
            #expect(difference.alpha <= 1 && difference.colour <= 2, "frame \(index): \(difference)")
        }
        // Every frame after the first holds only the rectangle that changed.
        let sizes = Self.frameRectangles(result.bytes)
        #expect(sizes.count == 4 && sizes[0] == (32 * 24))
        #expect(sizes.count == 4 && sizes[1] == 10 * 8 && sizes.dropFirst().allSatisfy { $0 < 32 * 24 }, "\(sizes)")
    }

    @Test func plainPNGRequestOfAnAPNGStaysAnimatedUnlessAFrameIsAsked() throws {
        let bytes = try Self.fixture().bytes()
        let png = try Self.processor.process(bytes, options: try ProcessingOptions(parsing: "rs:fit:16:16/f:png"))
        #expect(try png.frames == 4 && Self.processor.probe(png.bytes).frames == 4)
        let still = try Self.processor.process(bytes, options: try ProcessingOptions(parsing: "pg:1/f:png"))
        #expect(try still.frames == 1 && !Self.processor.probe(still.bytes).animated)
        let gif = try Self.processor.process(try TestPaths.sample("pattern.gif"), options: try ProcessingOptions(parsing: "f:png"))
        #expect(gif.frames == 1, "png of a GIF stays the first frame; apng asks for the animation")
        let apng = try Self.processor.process(try TestPaths.sample("pattern.gif"), options: try ProcessingOptions(parsing: "f:apng"))
        #expect(try apng.frames == 20 && Self.processor.probe(apng.bytes).frames == 20)
    }

    @Test(arguments: [ImageFormat.webp, .gif, .avif])
    func convertsKeepingFramesTimingAndLoop(format: ImageFormat) throws {
        let bytes = try Self.fixture().bytes()
        var options = ProcessingOptions()
        options.format = format
        let result = try Self.processor.process(bytes, options: options)
        let info = try Self.processor.probe(result.bytes)
        #expect(info.format == format && info.frames == 4 && result.frames == 4)
        #expect(AnimationLoop.plays(info) == 3)
        if format != .avif {
            let delays = format == .gif ? Self.expectedDelays.map { ($0 + 5) / 10 * 10 } : Self.expectedDelays
            #expect(info.frameDelays == delays)
        }
    }

    /// The pixels of each fcTL's rectangle.
    static func frameRectangles(_ bytes: [UInt8]) -> [Int] {
        PNGChunk.chunks(of: bytes).filter { $0.type == "fcTL" }.map { chunk in
            let fields = chunk.payload.startIndex
            return PNGChunk.bigEndian(chunk.payload[(fields + 4)..<(fields + 8)])
                * PNGChunk.bigEndian(chunk.payload[(fields + 8)..<(fields + 12)])
        }
    }
}
