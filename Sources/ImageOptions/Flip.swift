/// Mirroring applied after rotation (imgproxy's `flip`).
public struct Flip: Sendable, Hashable {
    /// Mirror left-right.
    public var horizontal: Bool
    /// Mirror top-bottom.
    public var vertical: Bool

    public init(horizontal: Bool = false, vertical: Bool = false) {
        self.horizontal = horizontal
        self.vertical = vertical
    }
}
