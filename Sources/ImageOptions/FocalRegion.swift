/// A rectangle of the source in pixels, `left..<right` x `top..<bottom`.
public struct FocalRegion: Sendable, Hashable {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    /// The region's centre as fractions of a `width` x `height` image, clamped to 0...1.
    public func centre(width: Int, height: Int) -> (x: Double, y: Double) {
        func fraction(_ value: Double, _ side: Int) -> Double { min(max(value / Double(max(side, 1)), 0), 1) }
        return (fraction(Double(left + right) / 2, width), fraction(Double(top + bottom) / 2, height))
    }
}
