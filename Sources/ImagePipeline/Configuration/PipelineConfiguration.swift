/// Everything the pipeline is configured with.
public struct PipelineConfiguration: Sendable, Hashable {
    public var limits = ImageLimits()
    public var encoder = EncoderConfiguration()
    /// Refuse truncated sources rather than render their decodable part.
    public var failOnTruncated = true

    /// The defaults.
    public init() {}

    /// Throws when a value is out of range.
    public func validate() throws {
        try limits.validate()
        try encoder.validate()
    }
}
