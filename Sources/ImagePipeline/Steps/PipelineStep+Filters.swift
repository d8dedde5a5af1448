import ImageOptions
import VipsKit

extension PipelineStep {
    /// Gaussian blur of the resized image.
    static let blur = PipelineStep(name: "blur") { image, context in
        context.options.blur > 0 ? try image.blurred(sigma: context.options.blur) : image
    }

    /// Sharpening of the resized image.
    static let sharpen = PipelineStep(name: "sharpen") { image, context in
        context.options.sharpen > 0 ? try image.sharpened(sigma: context.options.sharpen) : image
    }
}
