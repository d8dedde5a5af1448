import CCodecSupport
import CWebPAnim

/// Animated WebP frames through libwebp's animation decoder (blending and disposal applied).
enum WebPFrameDecoder {
    static func open(_ bytes: [UInt8], limits: ImageLimits) throws -> FrameDecoder {
        var cLimits = CodecCall.limits(limits)
        return try CodecFrameDecoder(bytes, name: "webp", limits: limits, open: { data, length, message in
            var info = mp_webp_info()
            guard let decoder = mp_webp_decoder_open(data, length, &cLimits, &info, &message) else { return nil }
            return (decoder, Int(info.width), Int(info.height), Int(info.loop_count))
        }, next: { decoder, frame, message in
            (mp_webp_decoder_next(decoder, &frame, &message), nil)
        }, close: { mp_webp_decoder_close($0) })
    }
}
