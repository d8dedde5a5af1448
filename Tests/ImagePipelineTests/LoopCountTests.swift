import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing

/// Loop counts at the edges of each format's field, in every direction between GIF, WebP and AVIF. GIF stores
/// repeats after the first play (NETSCAPE, 16 bits, no extension: once); WebP stores plays (16 bits, 0 forever);
/// AVIF an edit list and a track duration of plays times the sequence (all ones forever). 65535 GIF repeats are
/// 65536 plays, one more than WebP can hold: it clamps to 65535.
struct LoopCountTests {
    static let processor = try! ImageProcessor()

    /// Plays as each source stores them: GIF 0/1/65534/65535 repeats (plus no extension), WebP 0/1/65534/65535.
    static let sources: [(ImageFormat, plays: Int)] = [
        (.gif, 0), (.gif, 1), (.gif, 2), (.gif, 65535), (.gif, 65536),
        (.webp, 0), (.webp, 1), (.webp, 65534), (.webp, 65535),
        (.avif, 0), (.avif, 1), (.avif, 65535), (.avif, 65536),
    ]
    static let cases = sources.flatMap { source in [ImageFormat.gif, .webp, .avif].map { (source.0, source.plays, $0) } }

    /// Plays `format` can hold for `plays`.
    static func held(_ plays: Int, in format: ImageFormat) -> Int {
        format == .webp ? min(plays, 65535) : min(plays, format == .gif ? 65536 : Int(Int32.max))
    }

    @Test(arguments: cases)
    func survivesConversion(source: ImageFormat, plays: Int, target: ImageFormat) throws {
        let bytes = try AnimationFixtureTests.encode(source, plays: plays)
        let sourceInfo = try Self.processor.probe(bytes)
        let stored = Self.held(plays, in: source)
        #expect(AnimationLoop.plays(sourceInfo) == stored, "the source stores \(stored) plays")
        for options in ["rs:fit:32:32/f:\(target.rawValue)", "f:\(target.rawValue)"] {
            let result = try Self.processor.process(bytes, options: try ProcessingOptions(parsing: options))
            let info = try Self.processor.probe(result.bytes)
            #expect(info.format == target)
            #expect(AnimationLoop.plays(info) == Self.held(stored, in: target), "\(options)")
        }
    }

    @Test func repeatsFieldEdgesAreWrittenAsStored() throws {
        #expect(AnimationLoop.gifRepeats(plays: 0) == 0)
        #expect(AnimationLoop.gifRepeats(plays: 1) == nil)
        #expect(AnimationLoop.gifRepeats(plays: 2) == 1)
        #expect(AnimationLoop.gifRepeats(plays: 65536) == 65535)
    }
}
