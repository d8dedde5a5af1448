import Testing
@testable import VipsKit

/// libjpeg-turbo's scaled decoder (shrink-on-load for JPEG).
@Suite struct ScaledJPEGTests {
    init() throws { try VipsRuntime.start() }

    private func jpeg() throws -> [UInt8] {
        var pixels: [UInt8] = []
        for index in 0..<(64 * 48 * 3) { pixels.append(UInt8(index * 5 & 255)) }
        let image = try VImage.fromPixels(pixels, width: 64, height: 48, bands: 3)
        return try image.encoded(.jpeg(quality: 85, progressive: false, optimizeCoding: false), strip: true)
    }

    @Test func decodesAtEachScale() throws {
        let bytes = try jpeg()
        for shrink in [1, 2, 4, 8] {
            let image = try #require(try VImage.decodeJPEG(bytes, shrink: shrink, fast: shrink > 1,
                                                           failOnTruncated: true))
            #expect(image.width == 64 / shrink && image.height == 48 / shrink, "1/\(shrink)")
        }
    }

    /// A stray marker between the scan and the end marker: every row has been decoded, so the image stands (as
    /// libvips' own loader has it). The decoder used to fail there after it had wrapped the pixels in an image,
    /// and leaked that image.
    @Test func aStrayMarkerAfterTheScanIsIgnored() throws {
        var bytes = try jpeg()
        #expect(Array(bytes.suffix(2)) == [0xFF, 0xD9])
        bytes.insert(contentsOf: [0xFF, 0xB1, 0x00, 0x02], at: bytes.count - 2)
        let image = try #require(try VImage.decodeJPEG(bytes, shrink: 2, fast: true, failOnTruncated: false))
        #expect(image.width == 32 && image.height == 24)
        let pixels = try image.pixelBytes()
        #expect(pixels.count == 32 * 24 * 3)
    }
}
