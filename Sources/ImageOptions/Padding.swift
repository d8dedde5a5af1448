/// Space added around the result, in CSS order (imgproxy's `padding`), in pixels before `dpr`.
public struct Padding: Sendable, Hashable {
    public var top: Int
    public var right: Int
    public var bottom: Int
    public var left: Int

    public init(top: Int, right: Int, bottom: Int, left: Int) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }

    /// Whether every side is zero.
    public var isZero: Bool { top == 0 && right == 0 && bottom == 0 && left == 0 }
}
