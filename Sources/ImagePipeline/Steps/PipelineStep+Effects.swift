import ImageOptions
import VipsKit

extension PipelineStep {
    /// Pixelation in blocks of the requested size (times `dpr`).
    static let pixelate = PipelineStep(name: "pixelate") { image, context in
        let block = Int((Double(context.options.pixelate) * context.options.dpr).rounded())
        return block > 1 ? try image.pixelated(blockSize: block) : image
    }

    /// Saturation (around each pixel's luma), then brightness and channel offsets, then contrast around
    /// mid-grey, on the colour bands of the 8-bit sRGB image; alpha is kept as it is.
    static let adjustColour = PipelineStep(name: "adjust-colour") { image, context in
        let adjustment = context.options.adjustment
        guard !adjustment.isIdentity else { return image }
        let colourBands = image.hasAlpha ? image.bands - 1 : image.bands
        var colour = image.hasAlpha ? try image.extractingBands(0, count: colourBands) : image
        if colour.bands != 3 { colour = try colour.converted(to: .sRGB).cast(to: .uchar) }
        if adjustment.saturation != 1 {
            let s = adjustment.saturation
            let luma = [0.299, 0.587, 0.114]
            colour = try colour.recombined((0..<9).map { index in
                (1 - s) * luma[index % 3] + (index / 3 == index % 3 ? s : 0)
            })
        }
        let c = adjustment.contrast
        let addends = (0..<3).map { c * (adjustment.brightness + adjustment.channelOffsets[$0] - 128) + 128 }
        colour = try colour.linearToBytes(multipliers: [c, c, c], addends: addends)
        guard image.hasAlpha else { return colour }
        return try colour.joiningBands(image.extractingBands(image.bands - 1).cast(to: .uchar))
    }

    /// Draws the watermark image over the result, placed and scaled as `WatermarkLayout` says.
    static let watermark = PipelineStep(name: "watermark") { image, context in
        guard let options = context.options.watermark else { return image }
        guard let painter = context.plan.watermarkPainter else {
            throw PipelineError.invalidConfiguration("a watermark was asked for without its image")
        }
        return try painter.paint(on: image, options: options, dpr: context.options.dpr,
                                 limits: context.configuration.limits)
    }
}
