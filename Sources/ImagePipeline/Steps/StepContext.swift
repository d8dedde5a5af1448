import ImageOptions
import VipsKit

/// What the steps of one job share: the plan, and the geometry recomputed on the decoded pixels.
struct StepContext {
    let plan: ProcessingPlan
    let configuration: PipelineConfiguration
    /// Decoded size relative to the source's stored size (below 1 after shrink-on-load).
    var sourceScale: Double
    /// Geometry for the current image, set by the crop step.
    var geometry: ResizeGeometry
    /// Whether the encoder should write the metadata left on the image (set by the metadata step); when false the
    /// saver strips everything, including the default EXIF block libvips would otherwise create.
    var writesMetadata = false

    var options: ProcessingOptions { plan.options }

    /// Background for extension and padding: the request's colour, or transparent where the output keeps alpha.
    func canvasBackground(for image: VImage) -> (values: [Double], needsAlpha: Bool) {
        if let color = options.background {
            return (color.components + (image.hasAlpha ? [255] : []), false)
        }
        if plan.outputFormat.supportsAlpha {
            return ([0, 0, 0, 0], !image.hasAlpha)
        }
        return (RGBColor.white.components + (image.hasAlpha ? [255] : []), false)
    }
}
