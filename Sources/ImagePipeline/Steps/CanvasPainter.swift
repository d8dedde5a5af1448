import VipsKit

/// The canvases of thumbor's `fill(blur)` and `fill(auto)`.
enum CanvasPainter {
    /// `image` at (`x`, `y`) on itself stretched to `width` x `height` and blurred.
    static func blurred(_ image: VImage, x: Int, y: Int, width: Int, height: Int) throws -> VImage {
        let opaque = image.hasAlpha ? try image.flattened(background: [255, 255, 255]) : image
        var backdrop = try opaque.resized(horizontal: Double(width) / Double(image.width),
                                          vertical: Double(height) / Double(image.height))
        if backdrop.width != width || backdrop.height != height {
            backdrop = try backdrop.embedded(x: 0, y: 0, width: width, height: height, background: [0, 0, 0])
                .cropped(left: 0, top: 0, width: width, height: height)
        }
        backdrop = try backdrop.blurred(sigma: max(4, Double(max(width, height)) / 40)).cast(to: .uchar)
        let overlay = image.hasAlpha ? image : try image.appendingBand(value: 255)
        let drawn = try backdrop.compositing(overlay, x: x, y: y).cast(to: .uchar)
        return try drawn.extractingBands(0, count: 3)
    }

    /// The per-channel median of the colour bands (over a 64-pixel copy), as thumbor's `fill(auto)` takes it.
    static func medianColour(of image: VImage) throws -> [Double] {
        let scale = min(1, 64 / Double(max(image.width, image.height)))
        var small = scale < 1 ? try image.resized(horizontal: scale, vertical: scale) : image
        if small.hasAlpha { small = try small.flattened(background: [255, 255, 255]) }
        small = try small.cast(to: .uchar)
        let bands = small.bands
        let pixels = try small.pixelBytes()
        return (0..<min(bands, 3)).map { band in
            let values = stride(from: band, to: pixels.count, by: bands).map { pixels[$0] }.sorted()
            return values.isEmpty ? 255 : Double(values[values.count / 2])
        }
    }
}
