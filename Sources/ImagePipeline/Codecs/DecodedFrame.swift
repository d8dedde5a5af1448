/// One decoded frame: 8-bit pixels row by row (an animation's frames composited onto the full canvas).
struct DecodedFrame {
    var pixels: [UInt8]
    var width: Int
    var height: Int
    /// 4 for RGBA, 3 for RGB (video).
    var bands: Int = 4
    /// How long the frame shows, in milliseconds.
    var delay: Int
    /// The GIF palette the frame was drawn with, for the "keep" palette strategy.
    var palette: FramePalette?
}
