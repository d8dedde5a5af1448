import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing

/// Hostile animated PNGs: refused from the header when over a limit, answered with the default image (as the
/// format asks of viewers) when the first frame is broken, and cut short (as browsers do) when a later frame is.
struct APNGHostileTests {
    static let processor = try! ImageProcessor()

    /// Three 16x16 frames, each a different opaque colour over the whole canvas.
    static func writer() -> APNGWriter {
        let colours: [[UInt8]] = [[200, 0, 0, 255], [0, 200, 0, 255], [0, 0, 200, 255]]
        return APNGWriter(width: 16, height: 16, frames: colours.map {
            APNGWriter.Frame(pixels: APNGWriter.solid($0, width: 16, height: 16), width: 16, height: 16)
        })
    }

    /// Frames decoded, through WebP (an APNG asked for unchanged would be answered as it is, undecoded).
    static func frames(_ writer: APNGWriter) throws -> Int {
        try processor.process(try writer.bytes(), options: try ProcessingOptions(parsing: "f:webp")).frames
    }

    /// Whether the answer is the default image as a still: the first frame's colour, one frame.
    static func fallsBackToTheDefaultImage(_ writer: APNGWriter) throws -> Bool {
        #expect(throws: PipelineError.self) { try APNGFixtureTests.decodeAll(try writer.bytes()) }
        let result = try processor.process(try writer.bytes(), options: try ProcessingOptions(parsing: "f:webp/q:100"))
        let info = try processor.probe(result.bytes)
        let pixels = try DecodedImage.decode(result.bytes)
        return result.frames == 1 && !info.animated && pixels.isNear([200, 0, 0], x: 8, y: 8)
    }

    @Test func theFixtureItselfDecodes() throws {
        #expect(try Self.frames(Self.writer()) == 3)
    }

    @Test func sequenceOutOfOrderInTheFirstFrameShowsTheDefaultImage() throws {
        var writer = Self.writer()
        writer.sequenceNumbers = [1, 0, 2, 3, 4]
        #expect(try Self.fallsBackToTheDefaultImage(writer))
    }

    @Test func sequenceOutOfOrderLaterEndsTheAnimation() throws {
        var writer = Self.writer()
        writer.sequenceNumbers = [0, 1, 2, 7, 4] // fcTL 0, fcTL 1, fdAT 2, then fcTL 3 is wrong
        #expect(try Self.frames(writer) == 2)
    }

    @Test func aFrameOutsideTheCanvasShowsTheDefaultImageOrEndsTheAnimation() throws {
        var first = Self.writer()
        first.frames[0].x = 4
        #expect(try Self.fallsBackToTheDefaultImage(first))
        var later = Self.writer()
        later.frames[2].width = 8
        later.frames[2].pixels = APNGWriter.solid([1, 2, 3, 255], width: 8, height: 16)
        later.frames[2].x = 12
        #expect(try Self.frames(later) == 2)
    }

    @Test func frameCountsThatLieAreHeldToTheSmallerOne() throws {
        var fewer = Self.writer()
        fewer.declaredFrames = 2
        #expect(try Self.frames(fewer) == 2)
        var more = Self.writer()
        more.declaredFrames = 9
        #expect(try Self.frames(more) == 3)
    }

    @Test func limitsAreCheckedFromTheHeader() throws {
        var frames = Self.writer()
        frames.declaredFrames = 0x8000_0001
        let tooMany = try #require(throws: PipelineError.self) {
            try Self.processor.plan(try frames.bytes(), options: ProcessingOptions())
        }
        #expect(tooMany.kind == .sourceTooLarge)
        var canvas = Self.writer()
        canvas.width = 30_000
        canvas.height = 30_000
        let tooBig = try #require(throws: PipelineError.self) {
            try Self.processor.plan(try canvas.bytes(), options: ProcessingOptions())
        }
        #expect(tooBig.kind == .sourceTooLarge)
        var configuration = PipelineConfiguration()
        configuration.limits.maxFrames = 2
        let strict = try ImageProcessor(configuration: configuration)
        let overFrames = try #require(throws: PipelineError.self) {
            try strict.process(try Self.writer().bytes(), options: try ProcessingOptions(parsing: "f:webp"))
        }
        #expect(overFrames.kind == .sourceTooLarge)
    }

    @Test func brokenControlAndDataFallBackOrEnd() throws {
        var empty = Self.writer()
        empty.frames[0].declaredWidth = 0
        #expect(try Self.fallsBackToTheDefaultImage(empty))
        var ops = Self.writer()
        ops.frames[0].dispose = 7
        #expect(try Self.fallsBackToTheDefaultImage(ops))
        // Garbage in a later frame's zlib stream ends the animation there.
        var bytes = try Self.writer().bytes()
        let fdAT = try #require(Self.offset(of: "fdAT", in: bytes))
        for index in (fdAT + 8)..<(fdAT + 20) { bytes[index] ^= 0x5A }
        let result = try Self.processor.process(bytes, options: try ProcessingOptions(parsing: "f:webp"))
        #expect(result.frames == 1)
    }

    @Test func truncatedFilesKeepTheFramesTheyHold() throws {
        let bytes = try Self.writer().bytes()
        let first = try #require(Self.offset(of: "fdAT", in: bytes))
        let last = try #require(Self.offset(of: "fdAT", in: bytes, after: first + 8))
        let cut = Array(bytes[..<(last + 10)])
        #expect(try Self.processor.process(cut, options: try ProcessingOptions(parsing: "f:webp")).frames == 2)
        let header = Array(bytes[..<60])
        #expect(throws: PipelineError.self) { try Self.processor.process(header, options: try ProcessingOptions(parsing: "f:webp")) }
    }

    /// Where the first chunk of type `type` whose type field lies at or after `start` begins (its length field).
    static func offset(of type: String, in bytes: [UInt8], after start: Int = 8) -> Int? {
        PNGChunk.chunks(of: bytes).first { $0.type == type && $0.offset + 4 >= start }?.offset
    }
}
