import ImageOptions
import MediaFormats
import VipsKit

/// Decodes a watermark image (under the source limits) and draws it over a result.
struct WatermarkPainter {
    let bytes: [UInt8]
    let limits: ImageLimits

    func paint(on image: VImage, options: WatermarkOptions, dpr: Double) throws -> VImage {
        let info: ImageInfo
        do {
            info = try ImageProber.probe(bytes)
        } catch {
            throw PipelineError.invalidImage("the watermark is not an image")
        }
        try limits.check(info)
        guard info.format != .mp4, info.format != .webm else {
            throw PipelineError.unsupportedFormat("a video cannot be a watermark")
        }
        let load = try LoadPlan.make(info: info, scale: 1, sequential: false, failOnTruncated: true, allowShrink: false)
        var mark = try SourceDecoder.decode(bytes, plan: load, info: info)
        mark = try Self.rgba(mark)
        let layout = WatermarkLayout(mark: (mark.width, mark.height), canvas: (image.width, image.height),
                                     options: options, dpr: dpr)
        if layout.markWidth != mark.width || layout.markHeight != mark.height {
            let premultiplied = try mark.premultiplied()
            let resized = try premultiplied.resized(horizontal: Double(layout.markWidth) / Double(mark.width),
                                                    vertical: Double(layout.markHeight) / Double(mark.height))
            mark = try resized.unpremultiplied().cast(to: .uchar)
            if mark.width != layout.markWidth || mark.height != layout.markHeight {
                mark = try mark.embedded(x: 0, y: 0, width: layout.markWidth, height: layout.markHeight,
                                         background: [0, 0, 0, 0])
            }
        }
        if options.opacity < 1 {
            mark = try mark.linearToBytes(multipliers: [1, 1, 1, options.opacity], addends: [0, 0, 0, 0])
        }
        var overlay = mark
        var origin = (x: layout.x, y: layout.y)
        if layout.stepX != nil || layout.stepY != nil {
            // One tile (the mark and its gap), repeated over the repeated axes.
            let stepX = layout.stepX ?? mark.width, stepY = layout.stepY ?? mark.height
            let tile = try mark.embedded(x: 0, y: 0, width: stepX, height: stepY, background: [0, 0, 0, 0])
            let across = layout.stepX.map { (image.width + $0 - 1) / $0 } ?? 1
            let down = layout.stepY.map { (image.height + $0 - 1) / $0 } ?? 1
            overlay = try tile.replicated(across: across, down: down)
            if layout.stepX != nil { origin.x = 0 }
            if layout.stepY != nil { origin.y = 0 }
        }
        let base = image.interpretation == .sRGB && (3...4).contains(image.bands) ? image : try Self.rgba(image)
        let drawn = try base.compositing(overlay, x: origin.x, y: origin.y).cast(to: .uchar)
        return base.hasAlpha ? drawn : try drawn.extractingBands(0, count: 3)
    }

    /// 8-bit sRGB with alpha.
    private static func rgba(_ image: VImage) throws -> VImage {
        var result = image
        if result.interpretation != .sRGB || result.bands < 3 { result = try result.converted(to: .sRGB) }
        if result.bandFormat != .uchar { result = try result.cast(to: .uchar) }
        if !result.hasAlpha { result = try result.appendingBand(value: 255) }
        return result
    }
}
