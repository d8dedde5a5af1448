import Foundation
import ImageOptions
import VipsKit

extension PipelineStep {
    /// Turns the finished result clockwise (thumbor's `rotate` filter, which turns after the resize).
    static let turnResult = PipelineStep(name: "turn-result") { image, context in
        guard let turn = QuarterTurn(rawValue: context.options.resultQuarterTurns * 90), turn != .none else { return image }
        return try image.rotated(turn)
    }

    /// Rounds the corners through a mask libvips renders from SVG: cut-off corners take the colour, or stay
    /// transparent.
    static let roundCorners = PipelineStep(name: "round-corners") { image, context in
        guard let corners = context.options.roundCorners else { return image }
        let (width, height) = (image.width, image.height)
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\">"
            + "<rect width=\"\(width)\" height=\"\(height)\" rx=\"\(corners.radiusX)\" ry=\"\(corners.radiusY)\" fill=\"#fff\"/></svg>"
        let rendered = try VImage.load(Array(svg.utf8), as: .svg, options: LoadOptions())
        var mask = try rendered.extractingBands(rendered.bands - 1)
        if mask.width != width || mask.height != height {
            mask = try mask.embedded(x: 0, y: 0, width: width, height: height, background: [0])
                .cropped(left: 0, top: 0, width: width, height: height)
        }
        let colours = image.hasAlpha ? try image.extractingBands(0, count: image.bands - 1) : image
        var alpha = mask
        if image.hasAlpha {
            let own = try image.extractingBands(image.bands - 1).cast(to: .uchar)
            alpha = try own.multipliedByMask(mask)
        }
        let masked = try colours.joiningBands(alpha.cast(to: .uchar))
        guard let colour = corners.color else { return masked }
        // The colour only where the mask cuts (the image keeps its own transparency elsewhere).
        let layer = try colour.components.map { try mask.linearToBytes(multipliers: [0], addends: [$0]) }
            .reduce(nil as VImage?) { joined, band in try joined.map { try $0.joiningBands(band) } ?? band }!
            .joiningBands(mask.linearToBytes(multipliers: [-1], addends: [255]))
        let drawn = try masked.compositing(layer, x: 0, y: 0).cast(to: .uchar)
        return image.hasAlpha ? drawn : try drawn.extractingBands(0, count: 3)
    }
}
