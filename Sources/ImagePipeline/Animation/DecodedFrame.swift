import CGifCodec

/// One frame of an animation composited onto the full canvas: 8-bit RGBA, row by row.
struct DecodedFrame {
    var pixels: [UInt8]
    /// How long the frame shows, in milliseconds.
    var delay: Int
    /// The GIF palette the frame was drawn with, for the "keep" palette strategy.
    var palette: mp_gif_palette?
}
