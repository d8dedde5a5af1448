import Testing
@testable import VipsKit

@Suite struct VImageTests {
    init() throws { try VipsRuntime.start() }

    private func gradient(width: Int = 64, height: Int = 32, bands: Int = 3) throws -> VImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for band in 0..<bands { pixels.append(band == 3 ? 255 : UInt8((x * 4 + y * band) & 255)) }
            }
        }
        return try VImage.fromPixels(pixels, width: width, height: height, bands: bands)
    }

    @Test func encodesAndDecodesEveryOutputFormat() throws {
        let image = try gradient()
        let cases: [(EncodeSettings, ImageLoader)] = [
            (.jpeg(quality: 80, progressive: true, optimizeCoding: true), .jpeg),
            (.png(compression: 6, palette: false, quality: 100), .png),
            (.png(compression: 6, palette: true, quality: 80), .png),
            (.webp(quality: 79, lossless: false, effort: 4), .webp),
            (.webp(quality: 100, lossless: true, effort: 0), .webp),
            (.avif(quality: 63, effort: 2), .heif),
            (.gif(effort: 4), .gif),
        ]
        for (settings, loader) in cases {
            let bytes = try image.encoded(settings, strip: true)
            let decoded = try VImage.load(bytes, as: loader)
            #expect(decoded.width == 64 && decoded.height == 32, "\(settings)")
        }
    }

    @Test func garbageThrowsWithLibvipsText() throws {
        let error = try #require(throws: VipsError.self) {
            try VImage.load(Array("not a jpeg at all".utf8), as: .jpeg)
        }
        #expect(error.operation == "jpegload_buffer")
        #expect(!error.message.isEmpty)
    }

    @Test func blockedLoadersCannotRun() throws {
        #expect(throws: VipsError.self) {
            try Array("P3\n1 1\n255\n0 0 0\n".utf8).withUnsafeBytes {
                try VImage.load($0, vipsLoader: "ppmload_buffer", options: "")
            }
        }
    }

    @Test func geometryOperations() throws {
        let image = try gradient()
        #expect(try image.resized(horizontal: 0.5, vertical: 0.25).width == 32)
        #expect(try image.rotated(.clockwise90).width == 32)
        #expect(try image.cropped(left: 4, top: 4, width: 10, height: 8).height == 8)
        #expect(try image.embedded(x: 2, y: 2, width: 80, height: 40, background: [1, 2, 3]).pixel(x: 0, y: 0) == [1, 2, 3])
        #expect(try image.flippedHorizontally().pixel(x: 63, y: 0) == image.pixel(x: 0, y: 0))
    }

    @Test func sixteenBitAlphaSurvivesICCTransform() throws {
        let rgba = try gradient(bands: 4).converted(to: .rgb16)
        #expect(rgba.bandFormat == .ushort)
        let srgb = try rgba.withBlob(try #require(try gradient().transformedToSRGB(fallbackProfile: "srgb").blob(named: "icc-profile-data")),
                                     named: "icc-profile-data").transformedToSRGB(fallbackProfile: "srgb")
        #expect(srgb.bandFormat == .uchar)
        #expect(try srgb.pixel(x: 3, y: 3).last == 255)
    }

    @Test func metadataCanBeRemovedAndSet() throws {
        let image = try gradient().withBlob([1, 2, 3], named: "exif-data").withOrientation(6)
        #expect(image.blob(named: "exif-data") == [1, 2, 3])
        #expect(image.integer(named: "orientation") == 6)
        let bare = try image.withoutMetadata()
        #expect(bare.blob(named: "exif-data") == nil)
        #expect(bare.integer(named: "orientation") == nil)
    }
}

/// libvips' Orc code runs only behind the lock on orc's code memory.
@Suite struct VectorCodeTests {
    @Test func orcRunsBehindTheCodeMemoryLock() throws {
        try VipsRuntime.start(vectorCode: true)
        #expect(VipsRuntime.orcCodeLockInstalled, "the executable must export orc_program_compile and orc_program_free")
        #expect(VipsRuntime.vectorCodeEnabled)
    }
}
