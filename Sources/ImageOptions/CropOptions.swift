/// A crop applied before resizing (imgproxy's `crop`).
public struct CropOptions: Sendable, Hashable {
    /// Width in pixels, or a fraction of the source width when at most 1; 0 keeps the full width.
    public var width: Double
    /// Height in pixels, or a fraction of the source height when at most 1; 0 keeps the full height.
    public var height: Double
    /// Anchor of the crop; nil uses the request's gravity.
    public var gravity: Gravity?

    public init(width: Double, height: Double, gravity: Gravity? = nil) {
        self.width = width
        self.height = height
        self.gravity = gravity
    }
}
