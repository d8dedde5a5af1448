import ImageOptions

/// An encoded result.
public struct ProcessedImage: Sendable, Hashable {
    public let bytes: [UInt8]
    public let format: ImageFormat
    public let width: Int
    public let height: Int
}
