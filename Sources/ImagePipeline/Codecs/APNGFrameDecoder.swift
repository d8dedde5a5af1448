import CApngCodec
import CCodecSupport

/// Animated PNG frames: chunks read in C, each frame's pixels through libpng, composited there (blend and dispose
/// ops, sub-rectangles).
enum APNGFrameDecoder {
    static func open(_ bytes: [UInt8], limits: ImageLimits) throws -> FrameDecoder {
        var cLimits = CodecCall.limits(limits)
        return try CodecFrameDecoder(bytes, name: "apng", limits: limits, open: { data, length, message in
            var info = mp_apng_info()
            guard let decoder = mp_apng_decoder_open(data, length, &cLimits, &info, &message) else { return nil }
            return (decoder, Int(info.width), Int(info.height), Int(info.plays))
        }, next: { decoder, frame, message in
            (mp_apng_decoder_next(decoder, &frame, &message), nil)
        }, close: { mp_apng_decoder_close($0) })
    }
}
