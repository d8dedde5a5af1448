import ImageOptions

/// Decisions made from the header and the options before any pixel is decoded: output format, orientation,
/// geometry, how to load, and whether the source and the result fit the limits.
public struct ProcessingPlan: Sendable {
    public let info: ImageInfo
    public let options: ProcessingOptions
    public let outputFormat: ImageFormat
    public let orientation: OrientationTransform
    /// Geometry predicted from the header (recomputed on the decoded image, which may be smaller).
    public let geometry: ResizeGeometry
    public let load: LoadPlan
    /// Source size after orientation, in source pixels.
    public let orientedWidth: Int
    public let orientedHeight: Int
    /// Whether a step needs pixels out of order (rotation, vertical flip, trim, smart crop).
    public let needsRandomAccess: Bool

    /// Plans a job, or throws when the source or the result is over a limit or the format is unsupported.
    public init(info: ImageInfo, options: ProcessingOptions, configuration: PipelineConfiguration) throws {
        if info.format == .mp4 || info.format == .webm {
            throw PipelineError.unsupportedFormat("video sources are not supported yet")
        }
        guard info.width > 0, info.height > 0 else { throw PipelineError.invalidImage("zero-sized image") }
        try configuration.limits.check(info)
        self.info = info
        self.options = options
        outputFormat = options.format ?? Self.defaultOutputFormat(for: info)
        orientation = OrientationTransform(exifOrientation: info.orientation, options: options)
        (orientedWidth, orientedHeight) = orientation.swapsAxes ? (info.height, info.width) : (info.width, info.height)
        geometry = ResizeGeometry(width: orientedWidth, height: orientedHeight, options: options)
        let maximum = configuration.limits.maxResultDimension
        guard geometry.resultWidth <= maximum, geometry.resultHeight <= maximum else {
            throw PipelineError.resultTooLarge("result \(geometry.resultWidth)x\(geometry.resultHeight) over \(maximum)")
        }
        guard geometry.resizedWidth <= 8 * maximum, geometry.resizedHeight <= 8 * maximum else {
            throw PipelineError.resultTooLarge("intermediate \(geometry.resizedWidth)x\(geometry.resizedHeight)")
        }
        let smart = options.gravity == .smart || options.crop?.gravity == .smart
        needsRandomAccess = !orientation.isIdentity || options.trim != nil || smart
        load = try LoadPlan.make(info: info, scale: geometry.maxScale, sequential: !needsRandomAccess,
                                 failOnTruncated: configuration.failOnTruncated, allowShrink: options.trim == nil,
                                 margin: configuration.shrinkOnLoadMargin, fastJPEG: configuration.fastJPEGDecode)
    }

    /// The source's own format when it can be written, PNG for vector or alpha sources, JPEG otherwise.
    static func defaultOutputFormat(for info: ImageInfo) -> ImageFormat {
        if info.format.isOutput { return info.format }
        return info.format == .svg || info.hasAlpha ? .png : .jpeg
    }
}
