import MediaFormats
@testable import ImagePipeline
import VipsKit

/// Test helper: an image decoded to 8-bit sRGB, flattened on white, as packed pixels.
struct DecodedImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    /// Decodes encoded bytes with the loader their header calls for.
    static func decode(_ bytes: [UInt8], resizeTo size: (Int, Int)? = nil) throws -> DecodedImage {
        let info = try ImageProber.probe(bytes)
        let load = try LoadPlan.make(info: info, scale: 1, sequential: false, failOnTruncated: false, allowShrink: false)
        return try normalise(try VImage.load(bytes, as: load.loader, options: load.options), resizeTo: size)
    }

    /// To 3-band 8-bit sRGB on white, optionally resized (Lanczos) to an exact size.
    static func normalise(_ source: VImage, resizeTo size: (Int, Int)? = nil) throws -> DecodedImage {
        var image = source
        if image.hasICCProfile {
            image = try image.transformedToSRGB(fallbackProfile: "srgb")
        } else if image.interpretation == .cmyk {
            image = try image.transformedToSRGB(fallbackProfile: "cmyk")
        } else if image.interpretation != .sRGB || image.bands < 3 {
            if image.bandFormat == .char { image = try image.cast(to: .uchar) }
            image = try image.converted(to: .sRGB)
        }
        if image.hasAlpha { image = try image.flattened(background: [255, 255, 255]) }
        if image.bandFormat != .uchar { image = try image.cast(to: .uchar) }
        if image.bands > 3 { image = try image.extractingBands(0, count: 3) }
        if let (width, height) = size, width != image.width || height != image.height {
            image = try image.resized(horizontal: Double(width) / Double(image.width),
                                      vertical: Double(height) / Double(image.height))
        }
        return DecodedImage(width: image.width, height: image.height, pixels: try image.pixelBytes())
    }

    /// Mean absolute difference per channel, 0-255 (same sizes required).
    func meanAbsoluteDifference(to other: DecodedImage) -> Double {
        precondition(width == other.width && height == other.height && pixels.count == other.pixels.count)
        var total = 0
        for index in pixels.indices { total += abs(Int(pixels[index]) - Int(other.pixels[index])) }
        return Double(total) / Double(max(pixels.count, 1))
    }

    /// The RGB values at a pixel.
    func rgb(x: Int, y: Int) -> [Int] {
        let start = (y * width + x) * 3
        return pixels[start..<(start + 3)].map(Int.init)
    }
}

/// An independent rendering for golden checks: full decode (no shrink-on-load), libvips' own EXIF rotation,
/// colour management, then a single Lanczos resize to the given size.
enum ReferenceRenderer {
    static func render(_ bytes: [UInt8], width: Int, height: Int) throws -> DecodedImage {
        let info = try ImageProber.probe(bytes)
        let scale = info.format == .svg ? Double(max(width, height)) / Double(max(info.displayWidth, info.displayHeight)) : 1
        var load = try LoadPlan.make(info: info, scale: scale, sequential: false, failOnTruncated: false,
                                     allowShrink: info.format == .svg)
        load.options.autorotate = true
        let image = try VImage.load(bytes, as: load.loader, options: load.options)
        let upright = image.integer(named: "orientation").map { $0 > 1 } == true ? try image.autoRotated() : image
        return try DecodedImage.normalise(upright, resizeTo: (width, height))
    }
}
