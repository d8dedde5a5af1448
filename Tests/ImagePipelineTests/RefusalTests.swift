import Foundation
import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import VipsKit

/// Bad input gets a typed error and costs nothing else.
@Suite struct RefusalTests {
    typealias S = Synthetic

    /// A PNG whose header declares 100000x100000 pixels, followed by a tiny IDAT.
    static func pngBomb() -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let length = UInt32(data.count)
            return [UInt8(length >> 24), UInt8(length >> 16 & 255), UInt8(length >> 8 & 255), UInt8(length & 255)]
                + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        let size: [UInt8] = [0, 1, 0x86, 0xA0]
        return PNGProbe.signature + chunk("IHDR", size + size + [8, 2, 0, 0, 0]) + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00])
            + chunk("IEND", [])
    }

    @Test func pixelBombIsRefusedFromTheHeader() throws {
        let bomb = Self.pngBomb()
        let error = try #require(throws: PipelineError.self) {
            try S.processor.process(bomb, options: ProcessingOptions(parsing: "rs:fit:300:300"))
        }
        #expect(error.kind == .sourceTooLarge)
    }

    @Test func resultOverTheLimitIsRefused() throws {
        let source = try S.png(try S.quadrants(width: 40, height: 40))
        let error = try #require(throws: PipelineError.self) { try S.process(source, "rs:fit:10000:10000:1") }
        #expect(error.kind == .resultTooLarge)
    }

    /// The largest size a URL may ask for, enlarged at the largest dpr, is refused as too large; before the
    /// parser bounded sizes, `w:9223372036854775807` overflowed the size arithmetic and crashed the process.
    @Test func theLargestSizeAskedForIsRefusedNotATrap() throws {
        let source = try S.png(try S.quadrants(width: 40, height: 40))
        let error = try #require(throws: PipelineError.self) { try S.process(source, "rs:fit:1000000:1000000:1/dpr:8") }
        #expect(error.kind == .resultTooLarge)
    }

    @Test func frameLimitCountsFrames() throws {
        var configuration = PipelineConfiguration()
        configuration.limits.maxFrames = 2
        var info = ImageInfo(format: .gif, width: 10, height: 10)
        info.frames = 3
        #expect(throws: PipelineError.self) { try configuration.limits.check(info) }
        info.frames = 2
        try configuration.limits.check(info)
    }

    @Test(arguments: [[], Array("hello, world".utf8), Array("<html><body>no</body></html>".utf8), [0xFF, 0xD8]])
    func nonImagesAreTypedErrors(bytes: [UInt8]) throws {
        let error = try #require(throws: PipelineError.self) { try S.process(bytes, "") }
        #expect(error.kind == .unsupportedFormat || error.kind == .invalidImage)
    }

    @Test func truncatedImagesAreRefused() throws {
        let full = try S.jpeg(try S.noise(width: 200, height: 200))
        let error = try #require(throws: PipelineError.self) { try S.process(Array(full.prefix(full.count / 2)), "w:50") }
        #expect(error.kind == .invalidImage)
        let png = try S.png(try S.noise(width: 200, height: 200))
        #expect(throws: PipelineError.self) { try S.process(Array(png.prefix(png.count / 2)), "w:50") }
    }

    @Test func passedDeadlineStopsTheJob() throws {
        let source = try S.png(try S.quadrants(width: 40, height: 40))
        let error = try #require(throws: PipelineError.self) {
            try S.processor.process(source, options: ProcessingOptions(), deadline: .now - .seconds(1))
        }
        #expect(error.kind == .deadlineExceeded)
    }

    @Test func publicMessagesNeverCarryLibraryText() throws {
        let error = try #require(throws: PipelineError.self) { try S.process(Array("GIF89a....".utf8), "") }
        #expect(!error.publicMessage.contains("gif"))
        #expect(!error.publicMessage.contains("GIF"))
    }
}
