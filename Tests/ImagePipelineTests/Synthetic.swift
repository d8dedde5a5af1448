import ImageOptions
@testable import ImagePipeline
import VipsKit

/// Test images made in code, so the suite needs nothing outside the repository.
enum Synthetic {
    static let red: [UInt8] = [220, 30, 30]
    static let green: [UInt8] = [30, 200, 60]
    static let blue: [UInt8] = [30, 60, 220]
    static let yellow: [UInt8] = [230, 210, 40]

    /// Four flat quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right.
    static func quadrants(width: Int = 400, height: Int = 200, alpha: UInt8? = nil) throws -> VImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * (alpha == nil ? 3 : 4))
        for y in 0..<height {
            for x in 0..<width {
                let colour = y < height / 2 ? (x < width / 2 ? red : green) : (x < width / 2 ? blue : yellow)
                pixels += colour
                if let alpha { pixels.append(alpha) }
            }
        }
        return try VImage.fromPixels(pixels, width: width, height: height, bands: alpha == nil ? 3 : 4)
    }

    /// A flat image with an optional border of another colour.
    static func framed(width: Int, height: Int, border: Int, inner: [UInt8], outer: [UInt8]) throws -> VImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let inside = x >= border && y >= border && x < width - border && y < height - border
                pixels += inside ? inner : outer
            }
        }
        return try VImage.fromPixels(pixels, width: width, height: height, bands: 3)
    }

    /// Deterministic noise (hard to compress).
    static func noise(width: Int, height: Int, seed: UInt64 = 7) throws -> VImage {
        var state = seed
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in pixels.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            pixels[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        return try VImage.fromPixels(pixels, width: width, height: height, bands: 3)
    }

    static func png(_ image: VImage) throws -> [UInt8] {
        try image.encoded(.png(compression: 1, palette: false, quality: 100), strip: false)
    }

    static func jpeg(_ image: VImage, quality: Int = 95) throws -> [UInt8] {
        try image.encoded(.jpeg(quality: quality, progressive: false, optimizeCoding: false), strip: false)
    }

    static func process(_ bytes: [UInt8], _ options: String) throws -> ProcessedImage {
        try processor.process(bytes, options: try ProcessingOptions(parsing: options))
    }

    static let processor = try! ImageProcessor()
}

extension DecodedImage {
    /// Whether the pixel is within `tolerance` of an RGB colour.
    func isNear(_ colour: [UInt8], x: Int, y: Int, tolerance: Int = 12) -> Bool {
        zip(rgb(x: x, y: y), colour).allSatisfy { abs($0 - Int($1)) <= tolerance }
    }
}
