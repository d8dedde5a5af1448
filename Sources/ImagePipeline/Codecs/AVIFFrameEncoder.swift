import CAvifCodec
import MediaFormats

/// AVIF image sequences through libavif (libvips 8.14 writes only stills).
final class AVIFFrameEncoder: FrameEncoder {
    private let encoder: OpaquePointer
    /// Times to play (0 forever), written as an edit list libavif 0.11 does not write itself.
    private let plays: Int

    init(_ settings: FrameEncoderSettings) throws {
        plays = settings.plays
        // libvips' effort 0-9 is aom's speed 9-0; sequences get at least speed 6 so a request stays bounded.
        let speed = max(6, 9 - settings.encoder.avifEffort)
        encoder = try FrameEncoders.make(format: "avif", width: settings.width, height: settings.height) {
            mp_avif_encoder_new(Int32(settings.width), Int32(settings.height), Int32(settings.quality), Int32(speed),
                                settings.hasAlpha ? 1 : 0, &$0)
        }
    }

    func add(_ rgba: [UInt8], delay: Int, palette: FramePalette?) throws {
        try FrameEncoders.add(format: "avif") { mp_avif_encoder_add(encoder, rgba, Int32(clamping: delay), &$0) }
    }

    func finish() throws -> [UInt8] {
        let file = try FrameEncoders.finish(format: "avif") { mp_avif_encoder_finish(encoder, &$0, &$1, &$2) }
        return AVIFRepetition.writing(plays: plays, into: file) ?? file
    }

    deinit { mp_avif_encoder_free(encoder) }
}
