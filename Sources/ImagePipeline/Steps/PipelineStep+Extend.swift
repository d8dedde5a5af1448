import ImageOptions
import VipsKit

extension PipelineStep {
    /// Extends a smaller result to the requested size (or aspect ratio), placed by that option's gravity.
    static let extend = PipelineStep(name: "extend") { image, context in
        let width = context.geometry.canvasWidth
        let height = context.geometry.canvasHeight
        guard width > image.width || height > image.height else { return image }
        let options = context.options
        let gravity = options.extend ? options.extendGravity : options.extendAspectRatioGravity
        let origin = GravityPlacement.origin(of: (image.width, image.height), in: (width, height),
                                             gravity: gravity, offsetScale: options.dpr)
            ?? ((width - image.width) / 2, (height - image.height) / 2)
        return try embed(image, x: origin.x, y: origin.y, width: width, height: height, context: context)
    }

    /// Adds the padding around the result.
    static let padding = PipelineStep(name: "padding") { image, context in
        let padding = context.geometry.padding
        guard !padding.isZero else { return image }
        return try embed(image, x: padding.left, y: padding.top, width: image.width + padding.left + padding.right,
                         height: image.height + padding.top + padding.bottom, context: context)
    }

    private static func embed(_ image: VImage, x: Int, y: Int, width: Int, height: Int,
                              context: StepContext) throws -> VImage {
        switch context.options.canvasFill {
        case .blur:
            return try CanvasPainter.blurred(image, x: x, y: y, width: width, height: height)
        case .auto:
            let colour = try CanvasPainter.medianColour(of: image)
            let source = image.hasAlpha ? try image.flattened(background: colour) : image
            return try source.embedded(x: x, y: y, width: width, height: height, background: colour)
        case .colour:
            break
        }
        let background = context.canvasBackground(for: image)
        let source = background.needsAlpha ? try image.appendingBand(value: 255) : image
        return try source.embedded(x: x, y: y, width: width, height: height, background: background.values)
    }
}
