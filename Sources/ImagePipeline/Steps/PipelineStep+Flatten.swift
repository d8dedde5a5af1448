import ImageOptions
import MediaFormats
import VipsKit

extension PipelineStep {
    /// Composites alpha onto the background when the output has no alpha or a background was requested.
    static let flatten = PipelineStep(name: "flatten") { image, context in
        guard image.hasAlpha else { return image }
        let background = context.options.background
        guard background != nil || !context.plan.outputFormat.supportsAlpha else { return image }
        return try image.flattened(background: (background ?? .white).components)
    }
}
