import MediaFormats

/// Everything a request asks to do to an image, typed; defaults match imgproxy's.
///
/// Parse from imgproxy's grammar with `ProcessingOptions(parsing:presets:)` and write it back with
/// `generated()`; `ProcessingOptions(parsing: x.generated()) == x` for every value.
public struct ProcessingOptions: Sendable, Hashable {
    public var resizingType: ResizingType = .fit
    /// Requested width in pixels before `dpr`; 0 derives it from the height and the aspect ratio.
    public var width: Int = 0
    /// Requested height in pixels before `dpr`; 0 derives it from the width and the aspect ratio.
    public var height: Int = 0
    /// Device pixel ratio: multiplies the requested size and padding.
    public var dpr: Double = 1
    /// Take the width (height) from the source: thumbor's `orig`.
    public var widthFromSource: Bool = false
    public var heightFromSource: Bool = false
    /// The smallest width the result may have (before `dpr`), enlarging if need be; 0 is none.
    public var minWidth: Int = 0
    /// The smallest height the result may have (before `dpr`), enlarging if need be; 0 is none.
    public var minHeight: Int = 0
    /// Extra horizontal and vertical scale on top of the computed one (offsets and padding unchanged).
    public var zoomX: Double = 1
    public var zoomY: Double = 1
    /// Allow results larger than the source.
    public var enlarge: Bool = false
    /// Extend a smaller result to the requested size, placed by `extendGravity`.
    public var extend: Bool = false
    /// Placement of the image on the extended canvas.
    public var extendGravity: Gravity = .center
    /// Turn the requested box to the image's orientation (portrait or landscape) first (thumbor's `adaptive-`).
    public var adaptiveOrientation: Bool = false
    /// Extend the result to the requested aspect ratio (growing one side), placed by `extendAspectRatioGravity`.
    public var extendAspectRatio: Bool = false
    public var extendAspectRatioGravity: Gravity = .center
    /// A region of the source, in source pixels (after orientation), to centre a fill crop on: thumbor's
    /// `focal(left,top,right,bottom)`; it takes the place of the gravity.
    public var focalRegion: FocalRegion?
    /// Anchor for `fill` cropping.
    public var gravity: Gravity = .center
    public var crop: CropOptions?
    public var trim: TrimOptions?
    public var padding: Padding?
    /// Apply the EXIF orientation.
    public var autoRotate: Bool = true
    /// Extra clockwise rotation: 0, 90, 180 or 270.
    public var rotate: Int = 0
    public var flip = Flip()
    /// Background for flattening alpha, extending and padding; nil is white (or transparent where kept).
    public var background: RGBColor?
    /// What fills an extended or padded canvas: the background, or (thumbor's `fill`) the blurred image or its
    /// median colour.
    public var canvasFill: CanvasFill = .colour
    /// Gaussian blur sigma; 0 is off.
    public var blur: Double = 0
    /// Sharpen sigma; 0 is off.
    public var sharpen: Double = 0
    /// Pixelation block size in pixels (before `dpr`); 0 is off.
    public var pixelate: Int = 0
    /// Colour changes of the result: brightness, contrast, saturation, greyscale.
    public var adjustment = ColourAdjustment()
    /// Rounded corners on the result.
    public var roundCorners: RoundCorners?
    /// Clockwise quarter turns of the finished result (thumbor's `rotate` filter turns after the resize), 0-3.
    public var resultQuarterTurns: Int = 0
    /// A mark drawn over the result.
    public var watermark: WatermarkOptions?
    /// Output quality 1-100; 0 uses the per-format default.
    public var quality: Int = 0
    /// Per-format quality overrides.
    public var formatQuality: [ImageFormat: Int] = [:]
    /// Output format; nil keeps the source's format (or negotiates one).
    public var format: ImageFormat?
    /// Whether `format` was negotiated from Accept rather than asked for (not part of the URL): an animated GIF
    /// may then be answered as GIF when that is smaller.
    public var formatIsNegotiated = false
    /// For an animated source, the format in place of a negotiated one that cannot animate (JPEG XL): the next
    /// one Accept allows, or nil for the source's own (not part of the URL).
    public var negotiatedAnimationFormat: ImageFormat?
    /// Drop metadata from the result.
    public var stripMetadata: Bool = true
    /// Keep copyright and artist when stripping.
    public var keepCopyright: Bool = false
    /// Convert to sRGB and drop the ICC profile.
    public var stripColorProfile: Bool = true
    /// Re-encode with lower quality until the result is at most this many bytes; 0 is off.
    public var maxBytes: Int = 0
    /// Take this frame (0-based) of an animation as a still image.
    public var page: Int?
    /// Answer the first frame of an animation as a still image.
    public var disableAnimation: Bool = false
    /// The second of a video to take the frame from (0: the first decodable frame).
    public var videoSecond: Double = 0
    /// Decode the thumbnail embedded in a HEIC or AVIF source, when it has one, instead of the full image.
    public var enforceThumbnail: Bool = false
    /// Source formats answered as they came, without processing.
    public var skipProcessing: Set<ImageFormat> = []
    /// Answer the source's bytes as they came, whatever its format.
    public var raw: Bool = false
    /// Per-request source limits (imgproxy's security options); the server accepts them only when allowed.
    public var sourceLimits = SourceLimitOverrides()
    /// Palette strategy for animated GIF output.
    public var gifPalette: GIFPaletteStrategy = .auto
    /// Answer a JSON description of the operations (thumbor's `meta`) instead of the image.
    public var describeOnly: Bool = false
    /// Preset names applied, in order (already expanded into the other fields).
    public var presets: [String] = []
    /// Opaque value that only changes the cache key.
    public var cacheBuster: String?
    /// Unix time after which the URL is no longer served.
    public var expires: Int?
    /// File name for Content-Disposition.
    public var filename: String?
    /// Ask the browser to download rather than display.
    public var returnAttachment: Bool = false

    /// The defaults.
    public init() {}

    /// The quality to encode `format` with, or nil to use the encoder's default.
    public func quality(for format: ImageFormat) -> Int? {
        if let specific = formatQuality[format] { return specific }
        return quality > 0 ? quality : nil
    }
}
