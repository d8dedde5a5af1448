import CApngCodec

/// Animated PNG: the first frame whole, each later one as the rectangle that changed (lossless, exact).
final class APNGFrameEncoder: FrameEncoder {
    private let encoder: OpaquePointer

    init(_ settings: FrameEncoderSettings) throws {
        encoder = try FrameEncoders.make(format: "apng", width: settings.width, height: settings.height) {
            mp_apng_encoder_new(Int32(settings.width), Int32(settings.height), Int32(clamping: settings.plays),
                                settings.hasAlpha ? 1 : 0, Int32(settings.encoder.apngCompression), &$0)
        }
    }

    func add(_ rgba: [UInt8], delay: Int, palette: FramePalette?) throws {
        try FrameEncoders.add(format: "apng") { mp_apng_encoder_add(encoder, rgba, Int32(clamping: delay), &$0) }
    }

    func finish() throws -> [UInt8] {
        try FrameEncoders.finish(format: "apng") { mp_apng_encoder_finish(encoder, &$0, &$1, &$2) }
    }

    deinit { mp_apng_encoder_free(encoder) }
}
