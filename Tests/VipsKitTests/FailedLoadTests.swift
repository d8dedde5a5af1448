import Testing
@testable import VipsKit

/// A load that fails leaves nothing behind. A loader that fails in its header has already made its output image,
/// which holds the loader: unless the outputs are dropped, each failure kept the loader, its copy of the bytes and
/// (JPEG XL) its decoder's threads alive for the rest of the process.
@Suite struct FailedLoadTests {
    init() throws { try VipsRuntime.start() }

    /// The first bytes of a real file of each format: too few for any header.
    private func truncatedHeaders() throws -> [(ImageLoader, [UInt8])] {
        var pixels: [UInt8] = []
        for index in 0..<(48 * 32 * 3) { pixels.append(UInt8(index * 7 & 255)) }
        let image = try VImage.fromPixels(pixels, width: 48, height: 32, bands: 3)
        let encodings: [(ImageLoader, EncodeSettings)] = [
            (.jxl, .jxl(quality: 80, effort: 3, lossless: false)),
            (.png, .png(compression: 6, palette: false, quality: 100)),
            (.jpeg, .jpeg(quality: 80, progressive: false, optimizeCoding: false)),
            (.webp, .webp(quality: 80, lossless: false, effort: 2)),
            (.heif, .avif(quality: 60, effort: 2)),
        ]
        return try encodings.map { loader, settings in
            (loader, Array(try image.encoded(settings, strip: true).prefix(2)))
        }
    }

    @Test func aFailedLoadReleasesItsLoader() throws {
        let attempts = 40
        for (loader, bytes) in try truncatedHeaders() {
            let before = VipsRuntime.liveObjects(named: loader.rawValue)
            for _ in 0..<attempts {
                #expect(throws: VipsError.self, "\(loader)") { try VImage.load(bytes, as: loader) }
            }
            let after = VipsRuntime.liveObjects(named: loader.rawValue)
            // Other suites may be loading this format at the same moment; a leak would add one per attempt.
            #expect(after - before < attempts / 2,
                    "\(loader): \(after - before) loaders left after \(attempts) failures")
        }
    }
}
