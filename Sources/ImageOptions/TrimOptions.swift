/// Removes a uniform border (imgproxy's `trim`).
public struct TrimOptions: Sendable, Hashable {
    /// How far a pixel may differ from the border colour and still be trimmed.
    public var threshold: Double
    /// The border colour; nil takes the top-left pixel.
    public var color: RGBColor?
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
