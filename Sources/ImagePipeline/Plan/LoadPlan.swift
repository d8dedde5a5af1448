import MediaFormats
import VipsKit

/// Which decoder reads a still source, with which typed options, and how much it shrinks while decoding.
public struct LoadPlan: Sendable, Hashable {
    /// The libvips loader, chosen from the probed format (never by libvips' own sniffing).
    public var loader: ImageLoader
    /// Access pattern, truncation policy, shrink and render scale, as the loader takes them.
    public var options: LoadOptions
    /// Decode the JPEG straight through libjpeg-turbo's scaled decoder (shrink > 1, not CMYK), with its fast
    /// IDCT when `fastJPEG`; libvips' jpegload is the fallback.
    public var directJPEG = false
    public var fastJPEG = false

    /// Integer shrink applied by the decoder (JPEG DCT scaling, WebP scaled decoding); 1 when none.
    public var shrink: Int { options.shrink }
    /// Scale the decoder renders at (SVG), 1 otherwise.
    public var renderScale: Double { options.renderScale }
    /// Exact scale from source to decoded pixels.
    public var decodeScale: Double { renderScale / Double(shrink) }
    /// Whether truncated data is refused.
    public var failOnTruncated: Bool { options.failOnTruncated }

    /// Chooses the loader and the largest shrink-on-load that leaves at least `margin` times the pixels the
    /// resize needs (margin 1 decodes at the full DCT factor; 2, libvips' choice, keeps detail for Lanczos).
    static func make(info: ImageInfo, scale: Double, sequential: Bool, failOnTruncated: Bool,
                     allowShrink: Bool, margin: Double = 1, fastJPEG: Bool = false) throws -> LoadPlan {
        let rasterScale = min(scale * margin, 1)
        var options = LoadOptions(sequential: sequential, failOnTruncated: failOnTruncated)
        let loader: ImageLoader
        switch info.format {
        case .jpeg:
            loader = .jpeg
            options.shrink = allowShrink ? powerOfTwoShrink(for: rasterScale, maximum: 8) : 1
        case .webp:
            loader = .webp
            options.shrink = allowShrink ? powerOfTwoShrink(for: rasterScale, maximum: 8) : 1
        case .png:
            loader = .png
        case .jxl:
            // libvips 8.14's jxlload has no shrink-on-load (libjxl 0.7 decodes whole frames).
            loader = .jxl
        case .gif:
            loader = .gif
        case .tiff:
            loader = .tiff
        case .heic, .avif:
            loader = .heif
        case .svg:
            loader = .svg
            options.renderScale = allowShrink ? min(max(scale, 1.0 / 64), 64) : 1
        case .apng:
            throw PipelineError.unsupportedFormat("apng is an output name; an animated PNG probes as png")
        case .mp4, .webm:
            throw PipelineError.unsupportedFormat("video frames are decoded by FFmpeg, not by a libvips loader")
        }
        var plan = LoadPlan(loader: loader, options: options)
        plan.directJPEG = info.format == .jpeg && options.shrink > 1 && info.colorSpace != .cmyk
        plan.fastJPEG = fastJPEG
        return plan
    }

    /// The largest power of two, at most `maximum`, with 1 / shrink >= scale.
    static func powerOfTwoShrink(for scale: Double, maximum: Int) -> Int {
        guard scale > 0, scale < 1 else { return 1 }
        var shrink = 1
        while shrink < maximum, 1 / Double(shrink * 2) >= scale { shrink *= 2 }
        return shrink
    }
}
