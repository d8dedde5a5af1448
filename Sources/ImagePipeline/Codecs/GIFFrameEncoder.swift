import CGifCodec

/// Animated GIF output through giflib: frame differencing, disposal chosen per frame, and each frame's palette
/// either kept from the source or quantised with libimagequant.
final class GIFFrameEncoder: FrameEncoder {
    private let encoder: OpaquePointer
    /// Whether source palettes are used when given.
    private let keepsPalettes: Bool

    init(_ settings: FrameEncoderSettings, keepsPalettes: Bool = true) throws {
        // gifEffort 1-10 maps onto libimagequant's speed 10-1.
        let speed = Int32(11 - settings.encoder.gifEffort)
        let repeats = Int32(clamping: AnimationLoop.gifRepeats(plays: settings.plays) ?? -1)
        encoder = try FrameEncoders.make(format: "gif", width: settings.width, height: settings.height) {
            mp_gif_encoder_new(Int32(settings.width), Int32(settings.height), repeats, settings.gifDither, speed, &$0)
        }
        self.keepsPalettes = keepsPalettes
    }

    func add(_ rgba: [UInt8], delay: Int, palette: FramePalette?) throws {
        try FrameEncoders.add(format: "gif") { message in
            if keepsPalettes, let palette {
                var cPalette = palette.cPalette
                return mp_gif_encoder_add(encoder, rgba, Int32(clamping: delay), &cPalette, &message)
            }
            return mp_gif_encoder_add(encoder, rgba, Int32(clamping: delay), nil, &message)
        }
    }

    func finish() throws -> [UInt8] {
        try FrameEncoders.finish(format: "gif") { mp_gif_encoder_finish(encoder, &$0, &$1, &$2) }
    }

    deinit { mp_gif_encoder_free(encoder) }
}
