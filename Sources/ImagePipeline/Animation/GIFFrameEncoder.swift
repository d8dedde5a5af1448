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
        guard let encoder = mp_gif_encoder_new(Int32(settings.width), Int32(settings.height),
                                               Int32(clamping: AnimationLoop.gifRepeats(plays: settings.plays) ?? -1), settings.gifDither,
                                               speed) else {
            throw PipelineError.resultTooLarge("gif encoder refused \(settings.width)x\(settings.height)")
        }
        self.encoder = encoder
        self.keepsPalettes = keepsPalettes
    }

    func add(_ rgba: [UInt8], delay: Int, palette: mp_gif_palette?) throws {
        var message = [CChar](repeating: 0, count: 128)
        let status: Int32
        if keepsPalettes, var palette {
            status = mp_gif_encoder_add(encoder, rgba, Int32(clamping: delay), &palette, &message)
        } else {
            status = mp_gif_encoder_add(encoder, rgba, Int32(clamping: delay), nil, &message)
        }
        if status != 0 { throw PipelineError.invalidImage("gif encode: \(String(cString: message))") }
    }

    func finish() throws -> [UInt8] {
        try FrameEncoders.finish(format: "gif") { mp_gif_encoder_finish(encoder, &$0, &$1, &$2) }
    }

    deinit { mp_gif_encoder_free(encoder) }
}
