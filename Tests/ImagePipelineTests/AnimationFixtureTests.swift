import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing

/// Animations made in the test (no corpus needed): our encoders read back by libvips' decoders, our decoders
/// against libvips' compositing, budgets and hostile bytes.
struct AnimationFixtureTests {
    static let processor = try! ImageProcessor()

    /// Four 64x48 RGBA frames: a red square moving over a blue/transparent background; frame 2 repeats frame 1
    /// (an empty change), frame 3 turns a formerly opaque area transparent (needs a disposal).
    static func frames() -> [[UInt8]] {
        (0..<4).map { index in
            var pixels = [UInt8](repeating: 0, count: 64 * 48 * 4)
            let shift = index == 2 ? 1 : index
            for y in 0..<48 {
                for x in 0..<64 {
                    let offset = (y * 64 + x) * 4
                    let opaqueBackground = index < 3 || x < 32
                    if x >= 8 + shift * 10, x < 24 + shift * 10, y >= 10, y < 26 {
                        pixels[offset..<offset + 4] = [220, 30, 30, 255]
                    } else if opaqueBackground {
                        pixels[offset..<offset + 4] = [20, UInt8(60 + y * 2), 200, 255]
                    }
                }
            }
            return pixels
        }
    }

    static func encode(_ format: ImageFormat, plays: Int = 0) throws -> [UInt8] {
        let settings = FrameEncoderSettings(width: 64, height: 48, plays: plays, quality: 90, hasAlpha: true,
                                            encoder: EncoderConfiguration(), gifDither: 0, losslessWebP: true)
        let encoder = try FrameEncoders.make(format, settings: settings, keepsPalettes: false)
        for (index, frame) in frames().enumerated() { try encoder.add(frame, delay: 50 + index * 10, palette: nil) }
        return try encoder.finish()
    }

    static func expected() throws -> [DecodedImage] {
        try frames().map { try AnimationFrames.onGrey(try VImageFactory.rgba($0, width: 64, height: 48), resizeTo: nil) }
    }

    @Test(arguments: [ImageFormat.gif, .webp, .avif])
    func encoderOutputReadsBackFrameForFrame(format: ImageFormat) throws {
        let bytes = try Self.encode(format, plays: 3)
        let info = try Self.processor.probe(bytes)
        #expect(info.format == format && info.frames == 4 && info.animated)
        let decoded = try AnimationFrames.decode(bytes)
        #expect(decoded.delays == [50, 60, 70, 80])
        if format != .avif { #expect(decoded.plays == 3) }
        for (index, (ours, expected)) in zip(decoded.frames, try Self.expected()).enumerated() {
            #expect(ours.meanAbsoluteDifference(to: expected) < (format == .gif ? 2 : 4), "frame \(index)")
        }
    }

    @Test(arguments: [ImageFormat.gif, .webp])
    func ourDecoderMatchesLibvipsCompositing(format: ImageFormat) throws {
        let bytes = try Self.encode(format)
        let info = try Self.processor.probe(bytes)
        let decoder = try FrameDecoders.open(bytes, info: info, limits: ImageLimits())
        let reference = try AnimationFrames.decode(bytes)
        var index = 0
        while let frame = try decoder.next() {
            let ours = try AnimationFrames.onGrey(try VImageFactory.rgba(frame.pixels, width: 64, height: 48), resizeTo: nil)
            #expect(ours.meanAbsoluteDifference(to: reference.frames[index]) < 0.5, "frame \(index)")
            index += 1
        }
        #expect(index == 4)
    }

    @Test func resizesEveryFrameAndKeepsTiming() throws {
        let source = try Self.encode(.gif, plays: 0)
        for format in [ImageFormat.gif, .webp, .avif] {
            var options = try ProcessingOptions(parsing: "rs:fill:32:32")
            options.format = format
            let result = try Self.processor.process(source, options: options)
            #expect(result.frames == 4 && result.width == 32 && result.height == 32)
            let decoded = try AnimationFrames.decode(result.bytes)
            #expect(decoded.frames.count == 4)
            #expect(decoded.delays == [50, 60, 70, 80])
        }
    }

    /// libavif stamps sequences with the time they were written; ours carry none, so the same request gives the
    /// same bytes in any second (ETags agree across requests and instances).
    @Test func animatedAVIFCarriesNoTimestamps() throws {
        let source = try Self.encode(.gif)
        let result = try Self.processor.process(source, options: try ProcessingOptions(parsing: "rs:fit:40:40/f:avif"))
        #expect(result.frames == 4)
        for type in ["mvhd", "tkhd", "mdhd"] {
            let name = Array(type.utf8)
            let at = try #require((0..<(result.bytes.count - 4)).first { Array(result.bytes[$0..<($0 + 4)]) == name },
                                  "no \(type) box")
            let version = result.bytes[at + 4]
            let times = result.bytes[(at + 8)..<(at + 8 + (version == 1 ? 16 : 8))]
            #expect(times.allSatisfy { $0 == 0 }, "\(type) carries a time")
        }
    }

    @Test func framesRenderedOnSeveralThreadsGiveTheSameFile() throws {
        let source = try Self.encode(.gif)
        for format in ["gif", "webp"] {
            let options = try ProcessingOptions(parsing: "rs:fit:40:40/f:\(format)")
            let alone = try Self.processor.process(source, options: options)
            let shared = try Self.processor.process(source, options: options, parallelism: { 3 })
            #expect(alone.bytes == shared.bytes)
        }
    }

    @Test func overBudgetAnswersTheFirstFrameAsAStill() throws {
        let source = try Self.encode(.gif)
        var configuration = PipelineConfiguration()
        configuration.animation.maxResultBytes = 64
        let result = try ImageProcessor(configuration: configuration).process(source, options: ProcessingOptions())
        #expect(result.frames == 1)
        #expect(try Self.processor.probe(result.bytes).frames == 1)
        configuration.animation.fallbackToStill = false
        #expect(throws: PipelineError.self) {
            _ = try ImageProcessor(configuration: configuration).process(source, options: ProcessingOptions())
        }
        var limited = PipelineConfiguration()
        limited.limits.maxFrames = 3
        #expect(throws: PipelineError.self) {
            _ = try ImageProcessor(configuration: limited).process(source, options: ProcessingOptions())
        }
    }

    @Test func disableAnimationAndPageGiveStills() throws {
        let source = try Self.encode(.gif)
        let first = try Self.processor.process(source, options: try ProcessingOptions(parsing: "da:1"))
        #expect(first.frames == 1 && first.format == .gif)
        let last = try Self.processor.process(source, options: try ProcessingOptions(parsing: "pg:99/f:png"))
        let decoded = try AnimationFrames.decode(last.bytes)
        #expect(decoded.frames[0].meanAbsoluteDifference(to: try Self.expected()[3]) < 2)
    }

    @Test(arguments: [ImageFormat.gif, .webp, .avif])
    func truncatedAndCorruptedAnimationsGiveFramesOrTypedErrors(format: ImageFormat) throws {
        let source = try Self.encode(format)
        var generator = SplitMix64(seed: 0x5eed)
        var inputs: [[UInt8]] = [Array(source.prefix(source.count / 2)), Array(source.prefix(40))]
        for _ in 0..<60 {
            var corrupted = source
            for _ in 0..<4 {
                corrupted[Int(generator.next() % UInt64(corrupted.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            inputs.append(corrupted)
        }
        let options = try ProcessingOptions(parsing: "rs:fit:32:32")
        // The intact animation gives every frame, resized.
        let intact = try Self.processor.process(source, options: options)
        let intactInfo = try Self.processor.probe(intact.bytes)
        #expect(intact.frames == 4 && intactInfo.frames >= 1 && intactInfo.format == format)
        #expect(max(intact.width, intact.height) == 32)
        var answered = 0
        for input in inputs {
            do {
                let result = try Self.processor.process(input, options: options)
                // An answer is a readable image of the asked size with at least one frame, never a partial file.
                let info = try Self.processor.probe(result.bytes)
                #expect(info.frames >= 1 && info.format == format && max(info.width, info.height) == 32)
                answered += 1
            } catch is PipelineError {}
        }
        // A GIF damaged in its pixel data keeps the frames before the damage, as browsers show them.
        #expect(format != .gif || answered > inputs.count / 4, "\(answered) of \(inputs.count) answered")
    }
}

/// A seeded generator, so failures repeat.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
