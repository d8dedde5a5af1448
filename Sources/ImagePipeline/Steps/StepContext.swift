import ImageOptions
import MediaFormats
import VipsKit

/// What the steps of one job share: the plan, and the geometry recomputed on the decoded pixels.
struct StepContext {
    let plan: ProcessingPlan
    let configuration: PipelineConfiguration
    /// Exact scale from source pixels to decoded pixels: 1/shrink after shrink-on-load, the render scale for SVG,
    /// 1 otherwise. Geometry stays in source pixels; steps convert with this factor, as libvips' thumbnail does,
    /// so a partial edge pixel from DCT scaling does not stretch the result.
    var decodeScale: Double
    /// Geometry in source pixels, as the settle-geometry step decided it.
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
