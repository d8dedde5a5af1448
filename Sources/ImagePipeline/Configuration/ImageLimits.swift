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

    /// Refuses a source whose header alone is over a limit.
    public func check(_ info: ImageInfo) throws {
        guard info.width <= maxSourceDimension, info.height <= maxSourceDimension else {
            throw PipelineError.sourceTooLarge("source is \(info.width)x\(info.height), over \(maxSourceDimension) per side")
        }
        let framePixels = max(info.framePixels, info.largestFramePixels ?? 0)
        guard framePixels <= maxSourcePixels else {
            throw PipelineError.sourceTooLarge("source frame has \(framePixels) pixels, over \(maxSourcePixels)")
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
