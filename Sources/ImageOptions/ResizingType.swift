/// How the image is fitted into the requested width and height (imgproxy's `resizing_type`).
public enum ResizingType: String, Sendable, Hashable, CaseIterable {
    /// Keep the aspect ratio and fit inside the box.
    case fit
    /// Keep the aspect ratio, cover the box, crop the overflow.
    case fill
    /// Like `fill`, but never enlarge: a smaller result is cropped to the requested aspect ratio.
    case fillDown = "fill-down"
    /// Stretch to exactly the box.
    case force
    /// `fill` when source and box have the same orientation, otherwise `fit`.
    case auto
    /// Keep the aspect ratio and cover the box, cropping nothing (MediaProxy's own, for thumbor's
    /// `full-fit-in`).
    case cover
}
