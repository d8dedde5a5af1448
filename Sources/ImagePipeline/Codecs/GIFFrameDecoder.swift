import CCodecSupport
import CGifCodec

/// GIF frames through giflib, composited in C (disposal, sub-rectangles, transparency, local palettes), each with
/// the palette it was drawn with.
enum GIFFrameDecoder {
    /// `loopCount` comes from the header probe (giflib does not report it).
    static func open(_ bytes: [UInt8], loopCount: Int?, limits: ImageLimits) throws -> FrameDecoder {
        var cLimits = CodecCall.limits(limits)
        return try CodecFrameDecoder(bytes, name: "gif", limits: limits, open: { data, length, message in
            var info = mp_gif_info()
            guard let decoder = mp_gif_decoder_open(data, length, &cLimits, &info, &message) else { return nil }
            return (decoder, Int(info.width), Int(info.height), loopCount)
        }, next: { decoder, frame, message in
            var palette = mp_gif_palette()
            let status = mp_gif_decoder_next(decoder, &frame, &palette, &message)
            return (status, status == 1 ? FramePalette(palette) : nil)
        }, close: { mp_gif_decoder_close($0) })
    }
}
