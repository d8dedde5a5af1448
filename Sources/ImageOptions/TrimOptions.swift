/// Removes a uniform border (imgproxy's `trim`).
public struct TrimOptions: Sendable, Hashable {
    /// How far a pixel may differ from the border colour and still be trimmed.
    public var threshold: Double
    /// The border colour; nil takes the top-left pixel (the bottom-right one with `fromBottomRight`).
    public var color: RGBColor?
    /// Take the border colour from the bottom-right pixel (thumbor's `trim:bottom-right`).
    public var fromBottomRight = false
    /// thumbor's measure: a pixel belongs to the border while its Euclidean distance from the corner colour
    /// over every channel (alpha too) is at most `threshold` (0-442), pixel by pixel, no noise filter.
    public var euclidean = false
    /// Trim left and right by the same amount.
    public var equalHorizontal: Bool
    /// Trim top and bottom by the same amount.
    public var equalVertical: Bool

    public init(threshold: Double, color: RGBColor? = nil, equalHorizontal: Bool = false, equalVertical: Bool = false) {
        self.threshold = threshold
        self.color = color
        self.equalHorizontal = equalHorizontal
        self.equalVertical = equalVertical
    }
}
