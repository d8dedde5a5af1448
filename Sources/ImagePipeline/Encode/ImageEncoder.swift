import ImageOptions
import MediaFormats
import VipsKit

/// Turns the final image into bytes of the planned format, lowering quality until `max_bytes` is met.
struct ImageEncoder {
    let configuration: EncoderConfiguration

    /// Encoder settings for a format at the request's quality (or the configured default).
    func settings(for format: ImageFormat, options: ProcessingOptions, quality override: Int? = nil) -> EncodeSettings {
        let quality = override ?? options.quality(for: format) ?? configuration.defaultQuality(for: format)
        switch format {
        case .png, .apng:
            let palette = configuration.pngQuantize || override != nil
            return .png(compression: configuration.pngCompression, palette: palette, quality: quality)
        case .webp:
            return .webp(quality: quality, lossless: false, effort: configuration.webpEffort)
        case .avif:
            return .avif(quality: quality, effort: configuration.avifEffort)
        case .gif:
            return .gif(effort: configuration.gifEffort)
        case .jxl:
            return .jxl(quality: quality, effort: configuration.jxlEffort, lossless: false)
        default:
            return .jpeg(quality: quality, progressive: configuration.jpegProgressive, optimizeCoding: true)
        }
    }

    /// Encodes once, or, with `max_bytes`, re-encodes at falling quality until the bytes fit (or quality hits
    /// its floor, when the smallest attempt is returned).
    func encode(_ image: VImage, format: ImageFormat, options: ProcessingOptions, strip: Bool) throws -> [UInt8] {
        guard options.maxBytes > 0, format != .gif else {
            return try image.encoded(settings(for: format, options: options), strip: strip)
        }
        let reusable = try image.materialized()
        var quality = options.quality(for: format) ?? configuration.defaultQuality(for: format)
        var best = try reusable.encoded(settings(for: format, options: options), strip: strip)
        while best.count > options.maxBytes, quality > 10 {
            let ratio = Double(best.count) / Double(options.maxBytes)
            quality = max(10, Int(Double(quality) * (ratio > 3 ? 0.25 : ratio > 1.5 ? 0.5 : 0.75)))
            let attempt = try reusable.encoded(settings(for: format, options: options, quality: quality), strip: strip)
            if attempt.count < best.count { best = attempt }
        }
        return best
    }
}
