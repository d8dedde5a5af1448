import ImageOptions
@testable import ImagePipeline
import Testing

/// A GIF's logical screen is its canvas: a frame placed outside it does not grow the answer.
@Suite struct GIFScreenTests {
    typealias S = Synthetic

    /// A 1x1 screen whose only frame (one pixel) sits at row 12,032; libvips' loader alone makes it 1x12,032.
    static func frameBelowTheScreen() -> [UInt8] {
        Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]
            + [0x2C, 0, 0, 0x00, 0x2F, 1, 0, 1, 0, 0] + [2, 2, 0x44, 0x01, 0] + [0x3B]
    }

    @Test func aFrameOutsideTheScreenDoesNotGrowTheAnswer() throws {
        for options in ["rs:fit:120:0/bl:1.5/sh:0.8", "rs:fit:120:0/bl:1.5/f:png", "bl:1/f:webp"] {
            let image = try S.process(Self.frameBelowTheScreen(), options)
            #expect(image.width == 1 && image.height == 1, "\(options): \(image.width)x\(image.height)")
        }
    }

    /// A 100x50 screen with a 49x100 frame at (63,744, 25,600): libvips' loader would ask for a 6.5 GB canvas.
    @Test func aFrameFarOutsideTheScreenIsRefusedFromTheHeader() throws {
        let bytes = Array("GIF89a".utf8) + [100, 0, 50, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]
            + [0x2C, 0x00, 0xF9, 0x00, 0x64, 49, 0, 100, 0, 0] + [2, 2, 0x44, 0x01, 0] + [0x3B]
        let error = try #require(throws: PipelineError.self) { try S.process(bytes, "rs:fit:40:40/f:png") }
        #expect(error.kind == .sourceTooLarge)
    }
}
