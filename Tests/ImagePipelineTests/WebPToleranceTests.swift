@testable import ImagePipeline
import MediaFormats
import Testing

/// Animated WebP from palette sources: opaque pixels within the tolerance of what is already shown keep the shown
/// colour when the frame uses it elsewhere, so lossless frames store only what visibly changed.
struct WebPToleranceTests {
    @Test func onlyNearPixelsTakeAShownColourTheFrameAlreadyUses() {
        let shown: [UInt8] = [100, 100, 100, 255, 50, 50, 50, 255, 10, 10, 10, 255, 200, 0, 0, 255, 100, 100, 100, 255]
        var frame: [UInt8] = [102, 99, 101, 255, // near, and (100,100,100) is used by the last pixel: takes it
                              52, 50, 50, 255, // near, but (50,50,50) is nowhere in the frame: kept
                              15, 10, 10, 255, // 5 levels away: kept
                              201, 0, 0, 0, // transparent: kept
                              100, 100, 100, 255]
        var keeper = ShownColourKeeper(tolerance: 3, width: 5)
        keeper.apply(to: &frame, shown: shown)
        #expect(frame == [100, 100, 100, 255, 52, 50, 50, 255, 15, 10, 10, 255, 201, 0, 0, 0, 100, 100, 100, 255])
        // The colour bits are clear again: a second frame that no longer uses (100, 100, 100) keeps its pixel.
        var next: [UInt8] = [102, 99, 101, 255, 52, 50, 50, 255, 15, 10, 10, 255, 201, 0, 0, 0, 90, 90, 90, 255]
        keeper.apply(to: &next, shown: shown)
        #expect(next[0..<4] == [102, 99, 101, 255])
    }

    /// Frames of 16 colours, each pixel drawn from two versions of its colour 2 levels apart, as a source whose
    /// frames were dithered with slightly different palettes.
    static func jitteredFrames(count: Int) -> [[UInt8]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let base = (0..<64 * 48).map { _ in Int(next() % 16) }
        return (0..<count).map { _ in
            base.flatMap { index -> [UInt8] in
                let lift = UInt8(next() % 2 * 2)
                return [UInt8(index * 15) + lift, UInt8(255 - index * 15), UInt8(index * 7) + lift, 255]
            }
        }
    }

    static func encode(_ frames: [[UInt8]], tolerance: Int) throws -> [UInt8] {
        var configuration = EncoderConfiguration()
        configuration.animatedWebPTolerance = tolerance
        let settings = FrameEncoderSettings(width: 64, height: 48, plays: 0, quality: 79, hasAlpha: true,
                                            encoder: configuration, gifDither: 0, losslessWebP: true)
        let encoder = try FrameEncoders.make(.webp, settings: settings, keepsPalettes: false)
        for frame in frames { try encoder.add(frame, delay: 100, palette: nil) }
        return try encoder.finish()
    }

    @Test func jitterIsNotStoredAgainAndStaysWithinTheTolerance() throws {
        let frames = Self.jitteredFrames(count: 6)
        let exact = try Self.encode(frames, tolerance: 0)
        let tolerant = try Self.encode(frames, tolerance: 3)
        #expect(tolerant.count * 2 < exact.count, "\(tolerant.count) bytes against \(exact.count) exact")
        let decoder = try FrameDecoders.open(tolerant, info: try ImageProcessor().probe(tolerant), limits: ImageLimits())
        var index = 0
        while let frame = try decoder.next() {
            let worst = zip(frame.pixels, frames[index]).map { abs(Int($0) - Int($1)) }.max() ?? 0
            #expect(worst <= 3, "frame \(index) is \(worst) levels away")
            index += 1
        }
        #expect(index == frames.count)
    }
}
