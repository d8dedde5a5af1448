/// How animated GIF output chooses each frame's palette.
public enum GIFPaletteStrategy: String, Sendable, Hashable, CaseIterable {
    /// Keep when the source is a GIF, quantise otherwise.
    case auto
    /// Map the resized colours back into each source frame's own palette (fast, no dithering noise).
    case keep
    /// Build a new palette per frame with libimagequant.
    case quantize
}
