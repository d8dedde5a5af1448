import CAvifCodec
import CCodecSupport

/// AVIF image sequences (and still AVIFs) through libavif, a frame at a time; HDR frames tone-mapped to SDR.
enum AVIFFrameDecoder {
    /// The decoder and what libavif read from the container. libavif 0.11 does not read the repetition count
    /// (the header probe does, from the edit list).
    static func open(_ bytes: [UInt8], limits: ImageLimits) throws -> (decoder: CodecFrameDecoder, info: mp_avif_info) {
        var cLimits = CodecCall.limits(limits)
        var info = mp_avif_info()
        let decoder = try CodecFrameDecoder(bytes, name: "avif", limits: limits, open: { data, length, message in
            guard let decoder = mp_avif_decoder_open(data, length, &cLimits, &info, &message) else { return nil }
            return (decoder, Int(info.width), Int(info.height), 0)
        }, next: { decoder, frame, message in
            (mp_avif_decoder_next(decoder, &frame, &message), nil)
        }, close: { mp_avif_decoder_close($0) })
        return (decoder, info)
    }

    /// `info` with the sequence's frame count, per-frame delays and duration from libavif (no frame decoded).
    static func withTimings(_ info: ImageInfo, bytes: [UInt8], limits: ImageLimits) throws -> ImageInfo {
        let (decoder, avif) = try open(bytes, limits: limits)
        var result = info
        let frames = Int(avif.frames)
        result.frames = max(frames, 1)
        result.animated = frames > 1
        result.frameDelays = (0..<frames).map { max(0, Int(mp_avif_decoder_frame_duration(decoder.handle, Int32($0)))) }
        result.duration = result.frameDelays?.reduce(0, +)
        result.loopCount = info.loopCount ?? decoder.loopCount
        result.hasAlpha = result.hasAlpha || avif.has_alpha != 0
        result.bitDepth = Int(avif.depth)
        return result
    }
}
