import ImageOptions
import VipsKit

extension PipelineStep {
    /// Converts to 8-bit sRGB: through the embedded ICC profile, libvips' CMYK profile for CMYK without one,
    /// or a plain colour-space conversion (16-bit, grey, Lab). Runs after resizing, on fewer pixels.
    static let toSRGB = PipelineStep(name: "to-srgb") { image, context in
        if image.hasICCProfile {
            if !context.options.stripColorProfile { return image }
            return try image.transformedToSRGB(fallbackProfile: "srgb")
        }
        var result = image
        if result.bandFormat == .char {
            result = try result.cast(to: .uchar)
        }
        if result.interpretation == .cmyk {
            return try result.transformedToSRGB(fallbackProfile: "cmyk")
        }
        if result.interpretation != .sRGB || result.bands < 3 {
            result = try result.converted(to: .sRGB)
        }
        if result.bandFormat != .uchar {
            result = try result.cast(to: .uchar)
        }
        return result
    }
}
