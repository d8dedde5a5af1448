import CVips
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
        if result.bandFormat == VIPS_FORMAT_CHAR {
            result = try result.cast(to: VIPS_FORMAT_UCHAR)
        }
        if result.interpretation == VIPS_INTERPRETATION_CMYK {
            return try result.transformedToSRGB(fallbackProfile: "cmyk")
        }
        if result.interpretation != VIPS_INTERPRETATION_sRGB || result.bands < 3 {
            result = try result.converted(to: VIPS_INTERPRETATION_sRGB)
        }
        if result.bandFormat != VIPS_FORMAT_UCHAR {
            result = try result.cast(to: VIPS_FORMAT_UCHAR)
        }
        return result
    }
}
