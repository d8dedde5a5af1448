import VipsKit

/// One named stage of the pipeline; it returns a new image and leaves its input unchanged.
struct PipelineStep: Sendable {
    let name: String
    let run: @Sendable (VImage, inout StepContext) throws -> VImage

    /// The one place that fixes the order of the steps.
    static let standardOrder: [PipelineStep] = [
        .orient, .trim, .settleGeometry, .crop, .resize, .fillCrop, .toSRGB, .blur, .sharpen, .pixelate, .adjustColour,
        .extend, .padding, .turnResult, .roundCorners, .watermark, .flatten, .metadata,
    ]
}
