/// Rounded corners on the result (thumbor's `round_corner`): elliptical radii in pixels, and what shows in the
/// cut-off corners.
public struct RoundCorners: Sendable, Hashable {
    public var radiusX: Int
    public var radiusY: Int
    /// The corners' colour; nil leaves them transparent (where the output keeps alpha).
    public var color: RGBColor?

    public init(radiusX: Int, radiusY: Int, color: RGBColor?) {
        self.radiusX = radiusX
        self.radiusY = radiusY
        self.color = color
    }
}
