import ImageOptions
import MediaFormats
import VipsKit

/// Decisions made from the header and the options before any pixel is decoded: output format, orientation,
/// geometry, how to load, and whether the source and the result fit the limits.
public struct ProcessingPlan: Sendable {
    public let info: ImageInfo
    public let options: ProcessingOptions
    public let outputFormat: ImageFormat
    public let orientation: OrientationTransform
    /// Geometry predicted from the header; `settledGeometry` decides whether it holds for the decoded pixels.
    public let geometry: ResizeGeometry
    /// How a still source is decoded; nil when the pixels come from a frame or video decoder.
    public let load: LoadPlan?
    /// Source size after orientation, in source pixels.
    public let orientedWidth: Int
    public let orientedHeight: Int
    /// Whether a step needs pixels out of order (rotation, vertical flip, trim, smart crop, a canvas made from the
    /// image).
    public let needsRandomAccess: Bool
    /// Where the pixels come from.
    public let mode: SourceMode
    /// The encoded watermark image the options' `watermark` draws, fetched by the caller.
    public var watermarkImage: [UInt8]? {
        didSet { watermarkPainter = watermarkImage.map(WatermarkPainter.init(bytes:)) }
    }
    /// Draws that image, prepared once for the whole job (every frame of an animation).
    private(set) var watermarkPainter: WatermarkPainter?

    /// Where a job's pixels come from.
    public enum SourceMode: Sendable, Hashable {
        /// A still image (or the first frame of a GIF/WebP animation) through libvips.
        case still
        /// Every frame, decoded, processed and encoded one at a time.
        case animation
        /// One frame of an animation (0-based; past the end is the last frame) as a still image.
        case frame(Int)
        /// The first decodable frame at or after a second of a video, as a still image.
        case video(second: Double)
    }

    /// Plans a job, or throws when the source or the result is over a limit or the format is unsupported.
    public init(info: ImageInfo, options: ProcessingOptions, configuration: PipelineConfiguration) throws {
        guard info.width > 0, info.height > 0 else { throw PipelineError.invalidImage("zero-sized image") }
        try configuration.limits.check(info)
        self.info = info
        outputFormat = Self.outputFormat(info: info, options: options)
        mode = Self.sourceMode(info: info, options: options, outputFormat: outputFormat)
        orientation = OrientationTransform(exifOrientation: info.orientation, options: options)
        (orientedWidth, orientedHeight) = orientation.swapsAxes ? (info.height, info.width) : (info.width, info.height)
        let options = Self.resolved(options, width: orientedWidth, height: orientedHeight)
        self.options = mode == .animation ? Self.frameOptions(options) : options
        geometry = ResizeGeometry(width: orientedWidth, height: orientedHeight, options: options)
        try configuration.limits.checkResult(width: geometry.resultWidth, height: geometry.resultHeight, "planned")
        let maximum = configuration.limits.maxResultDimension
        guard geometry.resizedWidth <= 8 * maximum, geometry.resizedHeight <= 8 * maximum else {
            throw PipelineError.resultTooLarge("intermediate \(geometry.resizedWidth)x\(geometry.resizedHeight)")
        }
        let smart = options.gravity == .smart || options.crop?.gravity == .smart
        // thumbor's fill(blur|auto) reads the resized image twice: for the canvas and to draw it.
        needsRandomAccess = !orientation.isIdentity || options.trim != nil || smart || options.canvasFill != .colour
        guard mode == .still else {
            load = nil
            return
        }
        var load = try LoadPlan.make(info: info, scale: geometry.maxScale, sequential: !needsRandomAccess,
                                     failOnTruncated: configuration.failOnTruncated, allowShrink: options.trim == nil,
                                     margin: configuration.shrinkOnLoadMargin, fastJPEG: configuration.fastJPEGDecode)
        // The decoded size then differs from the header's, and the geometry is settled on the thumbnail's pixels.
        load.options.embeddedThumbnail = options.enforceThumbnail && load.loader == .heif
        self.load = load
    }

    /// The geometry for the pixels at hand, `width` x `height` decoded at `decodeScale` from the oriented source:
    /// the planned one (in source pixels) unless trim changed the size or the decoder returned another size than
    /// planned, in which case it is computed anew on those pixels (decode scale 1).
    func settledGeometry(width: Int, height: Int, decodeScale: Double) -> (ResizeGeometry, decodeScale: Double) {
        let expectedWidth = Double(orientedWidth) * decodeScale
        let expectedHeight = Double(orientedHeight) * decodeScale
        guard options.trim == nil, abs(Double(width) - expectedWidth) <= 1, abs(Double(height) - expectedHeight) <= 1 else {
            return (ResizeGeometry(width: width, height: height, options: options), 1)
        }
        return (geometry, decodeScale)
    }

    /// Whether the job leaves every source pixel as it is (same size, no crop, turn, filter or padding), so a
    /// result in the source's own format may be the source itself.
    public var leavesPixelsUnchanged: Bool {
        geometry.crop == nil && geometry.resultWidth == info.width && geometry.resultHeight == info.height
            && geometry.resizedWidth == info.width && geometry.resizedHeight == info.height
            && orientation.isIdentity && !appliesEffects && options.padding == nil && options.background == nil
    }

    /// Whether a filter changes pixels after the resize: blur, sharpen, pixelate, a colour change, rounded
    /// corners, a turn of the result or a watermark.
    public var appliesEffects: Bool {
        options.blur != 0 || options.sharpen != 0 || options.pixelate != 0 || !options.adjustment.isIdentity
            || options.watermark != nil || options.roundCorners != nil || options.resultQuarterTurns != 0
    }

    static func sourceMode(info: ImageInfo, options: ProcessingOptions, outputFormat: ImageFormat) -> SourceMode {
        if info.format == .mp4 || info.format == .webm { return .video(second: options.videoSecond) }
        // libheif hands HDR pixels over untouched; libavif's path tone-maps PQ and HLG to SDR.
        if info.format == .avif, info.hdrTransfer != nil, !info.animated { return .frame(0) }
        guard [.gif, .webp, .avif, .png].contains(info.format), info.animated, info.frames > 1 else { return .still }
        if let page = options.page { return .frame(page) }
        let animates = outputFormat.supportsAnimation || (outputFormat == .png && info.format == .png)
        if options.disableAnimation || !animates {
            // libvips reads the first frame of GIF and WebP itself, but not of an AVIF sequence, and of an APNG
            // only the default image, which may be a fallback that is not part of the animation.
            return info.format == .avif || info.format == .png ? .frame(0) : .still
        }
        return .animation
    }

    /// The requested format, else the source's own. A negotiated JPEG XL (still only) gives an animation the next
    /// format Accept allows, or its own; `apng` of a still is written as a plain PNG.
    static func outputFormat(info: ImageInfo, options: ProcessingOptions) -> ImageFormat {
        let animated = info.animated && info.frames > 1
        switch options.format {
        case .jxl? where options.formatIsNegotiated && animated:
            return options.negotiatedAnimationFormat ?? defaultOutputFormat(for: info)
        case let format?: return format
        case nil: return defaultOutputFormat(for: info)
        }
    }

    /// What needs the source's size, made concrete: thumbor's `orig` sizes and a focal region (as a focal point).
    static func resolved(_ options: ProcessingOptions, width: Int, height: Int) -> ProcessingOptions {
        var resolved = options
        if options.widthFromSource { resolved.width = Int((Double(width) / options.dpr).rounded()) }
        if options.heightFromSource { resolved.height = Int((Double(height) / options.dpr).rounded()) }
        if let region = options.focalRegion {
            let centre = region.centre(width: width, height: height)
            resolved.gravity = .focusPoint(x: centre.x, y: centre.y)
        }
        return resolved
    }

    /// Options for processing animation frames: every frame must come out the same size at the same place, so
    /// trim (per-frame bounds) is dropped and smart gravity (per-frame attention) becomes centre.
    static func frameOptions(_ options: ProcessingOptions) -> ProcessingOptions {
        var adjusted = options
        adjusted.trim = nil
        if adjusted.gravity == .smart { adjusted.gravity = .center }
        if adjusted.crop?.gravity == .smart { adjusted.crop?.gravity = .center }
        return adjusted
    }

    /// The source's own format when it can be written, PNG for vector or alpha sources, JPEG otherwise.
    static func defaultOutputFormat(for info: ImageInfo) -> ImageFormat {
        if info.format.isOutput { return info.format }
        if info.video != nil || info.format == .mp4 || info.format == .webm { return .jpeg }
        return info.format == .svg || info.hasAlpha ? .png : .jpeg
    }
}
