import ImageOptions
import MediaFormats
import Synchronization
import VipsKit

/// Decodes a watermark image (under the source limits) and draws it over results. One painter serves a whole
/// job: the mark is decoded, sized and faded once per canvas size and kept as RGBA bytes, so an animation's
/// frames (rendered on several threads, each with images of its own) do not decode it again.
final class WatermarkPainter: Sendable {
    let bytes: [UInt8]
    /// The mark ready to draw, by canvas size.
    private let prepared = Mutex<[Size: PreparedMark]>([:])

    struct Size: Hashable {
        let width: Int
        let height: Int
    }

    /// The mark at its drawn size and opacity, and where it goes.
    struct PreparedMark: Sendable {
        let pixels: [UInt8]
        let layout: WatermarkLayout
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    func paint(on image: VImage, options: WatermarkOptions, dpr: Double, limits: ImageLimits) throws -> VImage {
        let canvas = Size(width: image.width, height: image.height)
        let cached = self.prepared.withLock { $0[canvas] }
        let prepared = try cached ?? prepare(for: canvas, options: options, dpr: dpr, limits: limits)
        let layout = prepared.layout
        let mark = try VImage.fromPixels(prepared.pixels, width: layout.markWidth, height: layout.markHeight, bands: 4)
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

    /// Decodes the mark, sizes it for `canvas` and applies the opacity; kept for the next frame of that size.
    private func prepare(for canvas: Size, options: WatermarkOptions, dpr: Double,
                         limits: ImageLimits) throws -> PreparedMark {
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
        var mark = try Self.rgba(try SourceDecoder.decode(bytes, plan: load, info: info))
        let layout = WatermarkLayout(mark: (mark.width, mark.height), canvas: (canvas.width, canvas.height),
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
        let prepared = PreparedMark(pixels: try mark.rgbaBytes(), layout: layout)
        self.prepared.withLock { $0[canvas] = prepared }
        return prepared
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
