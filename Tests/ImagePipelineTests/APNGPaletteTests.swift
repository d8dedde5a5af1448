import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import TestSupport
import VipsKit

/// APNG output is written indexed (PLTE, and tRNS for translucent colours) when every frame fits 256 colours and
/// that is smaller, else as true colour; either way FFmpeg's decoder sees the frames exactly.
struct APNGPaletteTests {
    static let processor = try! ImageProcessor()

    /// The colour type in a PNG's IHDR.
    static func colourType(_ bytes: [UInt8]) throws -> UInt8 {
        let header = try #require(PNGChunk.chunks(of: bytes).first { $0.type == "IHDR" })
        return header.payload[header.payload.startIndex + 9]
    }

    /// An animation rendered to APNG by the encoder (not the unchanged-source shortcut).
    static func renderedAPNG(_ bytes: [UInt8]) throws -> ProcessedImage {
        let plan = try processor.plan(bytes, options: try ProcessingOptions(parsing: "f:apng"))
        return try AnimationProcessor(plan: plan, configuration: PipelineConfiguration())
            .render(bytes, deadline: nil, parallelism: { 1 }, keepsPalettes: false)
    }

    @Test func aGIFAtItsOwnSizeIsWrittenIndexedAndDecodesExactly() throws {
        let gif = try TestPaths.sample("pattern.gif")
        let result = try Self.processor.process(gif, options: try ProcessingOptions(parsing: "f:apng"))
        #expect(try Self.colourType(result.bytes) == 3)
        #expect(PNGChunk.chunks(of: result.bytes).contains { $0.type == "PLTE" })
        let source = try APNGFixtureTests.decodeAll(gif).frames
        let output = try ReferenceAPNGFrames.decode(result.bytes, width: 200, height: 120)
        #expect(source.count == 20 && output.count == 20)
        for (index, (ours, expected)) in zip(output, source).enumerated() {
            #expect(try ours.pixelBytes() == expected, "frame \(index)")
        }
    }

    /// `width` x `height` pixels of five colours, two of them translucent, in an irregular pattern.
    static func fiveColours(width: Int, height: Int, shift: Int) -> [UInt8] {
        let colours: [[UInt8]] = [[20, 40, 60, 255], [200, 0, 0, 128], [0, 0, 0, 0], [250, 250, 0, 255], [9, 9, 200, 40]]
        return (0..<(width * height)).flatMap { colours[($0 % width * 7 + $0 / width * 13 + shift) % 5] }
    }

    @Test func translucentColoursGoIntoTRNS() throws {
        let frames = [
            APNGWriter.Frame(pixels: Self.fiveColours(width: 64, height: 64, shift: 0), width: 64, height: 64),
            APNGWriter.Frame(pixels: Self.fiveColours(width: 32, height: 32, shift: 2), width: 32, height: 32,
                             x: 8, y: 16, blend: 0),
            APNGWriter.Frame(pixels: Self.fiveColours(width: 64, height: 64, shift: 4), width: 64, height: 64,
                             blend: 1),
        ]
        let source = try APNGWriter(width: 64, height: 64, frames: frames, plays: 0).bytes()
        let result = try Self.renderedAPNG(source)
        #expect(try Self.colourType(result.bytes) == 3)
        #expect(PNGChunk.chunks(of: result.bytes).contains { $0.type == "tRNS" })
        let expected = try ReferenceAPNGFrames.decode(source, width: 64, height: 64)
        let output = try ReferenceAPNGFrames.decode(result.bytes, width: 64, height: 64)
        #expect(output.count == 3 && expected.count == 3)
        for (index, (ours, reference)) in zip(output, expected).enumerated() {
            #expect(try ours.pixelBytes() == reference.pixelBytes(), "frame \(index)")
        }
    }

    @Test func moreThan256ColoursStayTrueColour() throws {
        // The fixture's background alone holds 672 colours.
        let result = try Self.renderedAPNG(try APNGFixtureTests.fixture().bytes())
        #expect(try Self.colourType(result.bytes) == 6)
        #expect(!PNGChunk.chunks(of: result.bytes).contains { $0.type == "PLTE" })
    }
}
