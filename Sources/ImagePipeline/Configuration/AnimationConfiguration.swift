/// Budgets and choices for animated results and video frames.
public struct AnimationConfiguration: Sendable, Hashable {
    /// An animated result larger than this many bytes is over budget (a request's `max_bytes` lowers it).
    public var maxResultBytes = 20_000_000
    /// Time one animated job may take before it is over budget.
    public var timeBudget: Duration = .seconds(10)
    /// Answer an animation that is over budget with its first frame as a still image (as Tumblr does); when false
    /// the request fails (413 for bytes, 504 for time).
    public var fallbackToStill = true
    /// Resize frames on more than one thread when the caller offers more than one.
    public var maxParallelism = 4
    /// Dithering of quantised GIF frames, 0 (none) to 1.
    public var gifDither: Float = 0.5
    /// Resize GIF to GIF with the dedicated resizer (changed rectangles only, source palettes, own LZW encoder)
    /// when the job is a plain resize; false sends every GIF through the general frame pipeline.
    public var gifResizer = true
    /// A GIF asked for unchanged is re-encoded exactly by the resizer, and answered if smaller, when its frames
    /// hold at most this many pixels in all (width x height x frames); 0 answers every such GIF as it is.
    public var gifReencodePixels = 16_000_000

    /// The defaults.
    public init() {}

    /// Throws when a value is out of range.
    public func validate() throws {
        guard maxResultBytes > 0 else { throw PipelineError.invalidConfiguration("maxResultBytes must be positive") }
        guard timeBudget > .zero else { throw PipelineError.invalidConfiguration("timeBudget must be positive") }
        guard (1...64).contains(maxParallelism) else {
            throw PipelineError.invalidConfiguration("maxParallelism must be in 1...64")
        }
        guard (0...1).contains(gifDither) else { throw PipelineError.invalidConfiguration("gifDither must be in 0...1") }
    }
}
