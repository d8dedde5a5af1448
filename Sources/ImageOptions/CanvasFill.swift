/// What fills the canvas around a smaller result when extending or padding.
public enum CanvasFill: String, Sendable, Hashable, CaseIterable {
    /// The background colour (or transparency).
    case colour
    /// The image itself, stretched to the canvas and blurred (thumbor's `fill(blur)`).
    case blur
    /// The image's median colour (thumbor's `fill(auto)`).
    case auto
}
