import VipsKit

/// Runs the ordered pipeline steps on one decoded frame (decode scale 1: frames are never shrunk on load).
struct FrameRenderer: Sendable {
    let plan: ProcessingPlan
    let configuration: PipelineConfiguration

    /// The processed frame as an image (for a still answer).
    func image(_ pixels: [UInt8], width: Int, height: Int, bands: Int = 4) throws -> (VImage, StepContext) {
        let image = try PipelineError.mappingVipsErrors("frame") {
            try VImage.fromPixels(pixels, width: width, height: height, bands: bands)
        }
        return try StepRunner(plan: plan, configuration: configuration).run(image, decodeScale: 1)
    }

    /// The processed frame as RGBA bytes with its size (for an animated answer).
    func rgba(_ pixels: [UInt8], width: Int, height: Int) throws -> RenderedFrame {
        let (image, _) = try self.image(pixels, width: width, height: height)
        return RenderedFrame(pixels: try image.rgbaBytes(), width: image.width, height: image.height)
    }
}

/// A processed frame ready for an animated encoder.
struct RenderedFrame: Sendable {
    let pixels: [UInt8]
    let width: Int
    let height: Int
}
