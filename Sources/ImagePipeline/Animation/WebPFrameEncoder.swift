import CGifCodec
import CWebPAnim

/// Animated WebP through libwebp's animation encoder (it keeps only the changed rectangle of each frame).
final class WebPFrameEncoder: FrameEncoder {
    private let encoder: OpaquePointer

    init(_ settings: FrameEncoderSettings) throws {
        let loops = Int32(clamping: settings.plays)
        guard let encoder = mp_webp_encoder_new(Int32(settings.width), Int32(settings.height), loops,
                                                Int32(settings.quality), settings.mixedWebP ? 2 : 0,
                                                Int32(settings.encoder.webpEffort)) else {
            throw PipelineError.resultTooLarge("webp encoder refused \(settings.width)x\(settings.height)")
        }
        self.encoder = encoder
    }

    func add(_ rgba: [UInt8], delay: Int, palette: mp_gif_palette?) throws {
        var message = [CChar](repeating: 0, count: 128)
        if mp_webp_encoder_add(encoder, rgba, Int32(clamping: delay), &message) != 0 {
            throw PipelineError.invalidImage("webp encode: \(String(cString: message))")
        }
    }

    func finish() throws -> [UInt8] {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 128)
        let status = mp_webp_encoder_finish(encoder, &buffer, &length, &message)
        return try FrameEncoders.take(status, buffer, length, message, format: "webp")
    }

    deinit { mp_webp_encoder_free(encoder) }
}
