/// Colour changes applied to the result after resizing, in this order: saturation, then the offsets, then
/// contrast around mid-grey. The defaults change nothing.
public struct ColourAdjustment: Sendable, Hashable {
    /// Multiplies the distance of each channel from the pixel's luma: 1 keeps it, 0 is grey.
    public var saturation: Double = 1
    /// Added to every colour channel, -255...255.
    public var brightness: Double = 0
    /// Added to the red, green and blue channels, -255...255 each.
    public var channelOffsets: [Double] = [0, 0, 0]
    /// Multiplies the distance of each channel from mid-grey (128); 1 keeps it.
    public var contrast: Double = 1

    /// No change.
    public init() {}

    /// Whether it changes nothing.
    public var isIdentity: Bool { self == ColourAdjustment() }
}
