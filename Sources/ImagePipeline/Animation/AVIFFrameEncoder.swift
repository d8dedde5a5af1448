import CAvifCodec
import CGifCodec

/// AVIF image sequences through libavif (libvips 8.14 writes only stills).
final class AVIFFrameEncoder: FrameEncoder {
    private let encoder: OpaquePointer

    init(_ settings: FrameEncoderSettings) throws {
        // libvips' effort 0-9 is aom's speed 9-0; sequences get at least speed 6 so a request stays bounded.
        let speed = max(6, 9 - settings.encoder.avifEffort)
        guard let encoder = mp_avif_encoder_new(Int32(settings.width), Int32(settings.height),
                                                Int32(settings.quality), Int32(speed),
                                                settings.hasAlpha ? 1 : 0) else {
            throw PipelineError.resultTooLarge("avif encoder refused \(settings.width)x\(settings.height)")
        }
        self.encoder = encoder
    }

    func add(_ rgba: [UInt8], delay: Int, palette: mp_gif_palette?) throws {
        var message = [CChar](repeating: 0, count: 128)
        if mp_avif_encoder_add(encoder, rgba, Int32(clamping: delay), &message) != 0 {
            throw PipelineError.invalidImage("avif encode: \(String(cString: message))")
        }
    }

    func finish() throws -> [UInt8] {
        try FrameEncoders.finish(format: "avif") { mp_avif_encoder_finish(encoder, &$0, &$1, &$2) }
    }

    deinit { mp_avif_encoder_free(encoder) }
}
