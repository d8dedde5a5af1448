/// Source limits a request sets for itself (imgproxy's security options); nil keeps the server's limit.
public struct SourceLimitOverrides: Sendable, Hashable {
    /// Megapixels in one source frame.
    public var maxResolution: Double?
    /// Bytes of the source file (at most the server's own cap, which bounds what a fetch holds).
    public var maxFileSize: Int?
    /// Frames in an animated source.
    public var maxAnimationFrames: Int?
    /// Megapixels in one frame of an animated source.
    public var maxAnimationFrameResolution: Double?
    /// The result's width or height.
    public var maxResultDimension: Int?

    /// None set.
    public init() {}

    /// Whether no limit is overridden.
    public var isEmpty: Bool { self == SourceLimitOverrides() }
}
