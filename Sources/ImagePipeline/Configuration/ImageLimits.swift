import ImageOptions

/// Limits checked from the header alone, before any pixel is decoded.
public struct ImageLimits: Sendable, Hashable {
    /// Pixels in one source frame (default 50 megapixels).
    public var maxSourcePixels: Int = 50_000_000
    /// Source width or height.
    public var maxSourceDimension: Int = 32_768
    /// Frames in an animated source.
    public var maxFrames: Int = 1_000
    /// Pixels over all frames of an animated source.
    public var maxAnimationPixels: Int = 500_000_000
    /// Result width or height.
    public var maxResultDimension: Int = 8_192
    /// Pixels in one frame of an animated source; nil: `maxSourcePixels`.
    public var maxAnimationFramePixels: Int?

    /// The defaults.
    public init() {}

    /// Throws when a limit is not positive.
    public func validate() throws {
        for (name, value) in [("maxSourcePixels", maxSourcePixels), ("maxSourceDimension", maxSourceDimension),
                              ("maxFrames", maxFrames), ("maxAnimationPixels", maxAnimationPixels),
                              ("maxResultDimension", maxResultDimension)] where value <= 0 {
            throw PipelineError.invalidConfiguration("\(name) must be positive")
        }
    }

    /// A request's own limits (imgproxy's security options) in place of these.
    public mutating func apply(_ overrides: SourceLimitOverrides) {
        func pixels(_ megapixels: Double) -> Int { max(1, Int(min(megapixels * 1_000_000, 1e15).rounded())) }
        if let megapixels = overrides.maxResolution { maxSourcePixels = pixels(megapixels) }
        if let frames = overrides.maxAnimationFrames { maxFrames = frames }
        if let side = overrides.maxResultDimension { maxResultDimension = side }
        if let megapixels = overrides.maxAnimationFrameResolution {
            maxAnimationFramePixels = pixels(megapixels)
        }
    }

    /// Refuses a result (`what`: planned or decoded) longer than `maxResultDimension` on a side.
    func checkResult(width: Int, height: Int, _ what: String) throws {
        guard width <= maxResultDimension, height <= maxResultDimension else {
            throw PipelineError.resultTooLarge("\(what) result \(width)x\(height), over \(maxResultDimension) a side")
        }
    }

    /// Refuses a source whose header alone is over a limit.
    public func check(_ info: ImageInfo) throws {
        guard info.width <= maxSourceDimension, info.height <= maxSourceDimension else {
            throw PipelineError.sourceTooLarge("source is \(info.width)x\(info.height), over \(maxSourceDimension) per side")
        }
        let framePixels = max(info.framePixels, info.largestFramePixels ?? 0)
        guard framePixels <= maxSourcePixels else {
            throw PipelineError.sourceTooLarge("source frame has \(framePixels) pixels, over \(maxSourcePixels)")
        }
        if info.animated, info.frames > 1, let most = maxAnimationFramePixels, framePixels > most {
            throw PipelineError.sourceTooLarge("animation frame has \(framePixels) pixels, over \(most)")
        }
        guard info.frames <= maxFrames else {
            throw PipelineError.sourceTooLarge("source has \(info.frames) frames, over \(maxFrames)")
        }
        let total = info.framePixels.multipliedReportingOverflow(by: info.frames)
        guard !total.overflow, total.partialValue <= maxAnimationPixels else {
            throw PipelineError.sourceTooLarge("animation has too many pixels in total")
        }
    }
}
