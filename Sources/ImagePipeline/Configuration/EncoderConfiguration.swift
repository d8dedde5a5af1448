import ImageOptions
import MediaFormats

/// Default encoder settings; a request's `q`/`fq` override the qualities.
public struct EncoderConfiguration: Sendable, Hashable {
    public var jpegQuality = 80
    public var jpegProgressive = false
    public var webpQuality = 79
    /// libwebp effort 0-6 (higher is smaller and slower).
    public var webpEffort = 4
    /// Animated WebP from palette sources (GIF): a pixel opaque in both frames whose colour moved by at most this
    /// many levels per channel is kept as already shown, so lossless frames store only what visibly changed
    /// (0: every frame exact).
    public var animatedWebPTolerance = 3
    public var avifQuality = 63
    /// AVIF effort 0-9 (libvips' scale; 9 - effort is aom's speed). 2 keeps a live server responsive.
    public var avifEffort = 2
    /// Quantise PNG output to a palette (smaller, lossy).
    public var pngQuantize = false
    public var pngQuantizeQuality = 90
    public var pngCompression = 6
    /// GIF palette effort 1-10.
    public var gifEffort = 4
    public var jxlQuality = 75
    /// libjxl effort 1-9 (libjxl's own default, 7, takes several times as long as 4 for a few percent).
    public var jxlEffort = 4
    /// zlib level 1-9 for animated PNG frames.
    public var apngCompression = 6

    /// The defaults.
    public init() {}

    /// Throws when a value is out of its encoder's range.
    public func validate() throws {
        let checks: [(String, Int, ClosedRange<Int>)] = [
            ("jpegQuality", jpegQuality, 1...100), ("webpQuality", webpQuality, 1...100),
            ("webpEffort", webpEffort, 0...6), ("avifQuality", avifQuality, 1...100), ("avifEffort", avifEffort, 0...9),
            ("pngQuantizeQuality", pngQuantizeQuality, 1...100), ("pngCompression", pngCompression, 0...9),
            ("gifEffort", gifEffort, 1...10), ("animatedWebPTolerance", animatedWebPTolerance, 0...32),
            ("jxlQuality", jxlQuality, 1...100), ("jxlEffort", jxlEffort, 1...9),
            ("apngCompression", apngCompression, 1...9),
        ]
        for (name, value, range) in checks where !range.contains(value) {
            throw PipelineError.invalidConfiguration("\(name) must be in \(range)")
        }
    }

    /// The default quality for a lossy format.
    public func defaultQuality(for format: MediaFormats.ImageFormat) -> Int {
        switch format {
        case .webp: webpQuality
        case .avif: avifQuality
        case .jxl: jxlQuality
        case .png: pngQuantizeQuality
        default: jpegQuality
        }
    }
}
