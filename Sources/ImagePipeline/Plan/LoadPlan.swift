import ImageOptions

/// Which libvips loader decodes the source, with which options, and how much it shrinks while decoding.
public struct LoadPlan: Sendable, Hashable {
    /// A libvips buffer loader, chosen from the probed format (never by libvips' own sniffing).
    public var loader: String
    /// libvips option string.
    public var options: String
    /// Integer shrink applied by the decoder (JPEG DCT scaling, WebP scaled decoding); 1 when none.
    public var shrink: Int
    /// Scale the decoder renders at (SVG), 1 otherwise.
    public var renderScale: Double
    /// Exact scale from source to decoded pixels.
    public var decodeScale: Double { renderScale / Double(shrink) }
    /// Decode the JPEG straight through libjpeg-turbo's scaled decoder (shrink > 1, not CMYK), with its fast
    /// IDCT when `fastJPEG`; libvips' jpegload is the fallback.
    public var directJPEG = false
    public var fastJPEG = false
    /// Refuse truncated data (passed to libvips as `fail_on=truncated`, and to the direct JPEG decoder).
    public var failOnTruncated = false

    /// Chooses the loader and the largest shrink-on-load that leaves at least `margin` times the pixels the
    /// resize needs (margin 1 decodes at the full DCT factor; 2, libvips' choice, keeps detail for Lanczos).
    static func make(info: ImageInfo, scale: Double, sequential: Bool, failOnTruncated: Bool,
                     allowShrink: Bool, margin: Double = 1, fastJPEG: Bool = false) throws -> LoadPlan {
        let rasterScale = min(scale * margin, 1)
        var options: [String] = []
        if failOnTruncated { options.append("fail_on=truncated") }
        var shrink = 1
        var renderScale = 1.0
        let loader: String
        switch info.format {
        case .jpeg:
            loader = "jpegload_buffer"
            shrink = allowShrink ? powerOfTwoShrink(for: rasterScale, maximum: 8) : 1
            if shrink > 1 { options.append("shrink=\(shrink)") }
            options.append("autorotate=false")
        case .webp:
            loader = "webpload_buffer"
            shrink = allowShrink ? powerOfTwoShrink(for: rasterScale, maximum: 8) : 1
            if shrink > 1 { options.append("scale=\(1 / Double(shrink))") }
        case .png:
            loader = "pngload_buffer"
        case .gif:
            loader = "gifload_buffer"
            options.append("n=1")
        case .tiff:
            loader = "tiffload_buffer"
            options.append("page=0")
        case .heic, .avif:
            // No page or n: libvips then loads the primary item, which need not be the first.
            loader = "heifload_buffer"
        case .svg:
            loader = "svgload_buffer"
            renderScale = allowShrink ? min(max(scale, 1.0 / 64), 64) : 1
            options.append("scale=\(renderScale)")
            options.append("unlimited=false")
        case .mp4, .webm:
            throw PipelineError.unsupportedFormat("video frames are decoded by FFmpeg, not by a libvips loader")
        }
        if sequential, [.jpeg, .png, .webp, .tiff].contains(info.format) {
            options.append("access=sequential")
        }
        var plan = LoadPlan(loader: loader, options: options.joined(separator: ","), shrink: shrink,
                            renderScale: renderScale)
        plan.directJPEG = info.format == .jpeg && shrink > 1 && info.colorSpace != .cmyk
        plan.fastJPEG = fastJPEG
        plan.failOnTruncated = failOnTruncated
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
