import CAvifCodec
import CCodecSupport

extension FuzzTarget {
    /// The AVIF decoder (libavif through `mp_avif_decoder`): stills and sequences, every frame and its duration.
    static let avifDecode = FuzzTarget(name: "avif-decode") { bytes in
        var message = FuzzCodec.messageBuffer()
        var limits = FuzzCodec.limits
        var info = mp_avif_info()
        guard let base = bytes.baseAddress,
              let decoder = mp_avif_decoder_open(base, bytes.count, &limits, &info, &message) else { return false }
        defer { mp_avif_decoder_close(decoder) }
        try require(info.width > 0 && info.height > 0 && info.frames > 0,
                    "AVIF opened as \(info.width)x\(info.height), \(info.frames) frames")
        for index in [-1, 0, info.frames - 1, info.frames] {
            let duration = mp_avif_decoder_frame_duration(decoder, index)
            try require((0..<info.frames).contains(index) ? duration >= 0 : duration == -1,
                        "frame \(index) of \(info.frames) has duration \(duration)")
        }
        var frame = mp_frame()
        var frames: Int32 = 0
        while mp_avif_decoder_next(decoder, &frame, &message) == 1 {
            frames += 1
            try require(frame.width == info.width && frame.height == info.height,
                        "AVIF frame \(frame.width)x\(frame.height) on a \(info.width)x\(info.height) image")
            FuzzCodec.touch(frame)
        }
        try require(frames <= info.frames, "AVIF gave \(frames) frames of \(info.frames)")
        return frames > 0
    }

    /// The AVIF encoder on one to three tiny frames made from the input, then its file decoded again.
    static let avifEncode = FuzzTarget(name: "avif-encode") { bytes in
        var input = FuzzInput(bytes)
        let width = input.value(in: 1...24), height = input.value(in: 1...24), count = input.value(in: 1...3)
        let quality = input.value(in: 1...100), alpha = Int32(input.byte() % 2)
        var message = FuzzCodec.messageBuffer()
        guard let encoder = mp_avif_encoder_new(Int32(width), Int32(height), Int32(quality), 10, alpha,
                                                &message) else {
            throw FuzzFinding("AVIF encoder refused \(width)x\(height): \(FuzzCodec.text(message))")
        }
        defer { mp_avif_encoder_free(encoder) }
        for index in 0..<count {
            let rgba = input.pixels(width * height * 4, startingAt: index * 3)
            try require(mp_avif_encoder_add(encoder, rgba, Int32(input.value(in: 1...100)) * 10, &message) == 0,
                        "AVIF encoder failed on frame \(index): \(FuzzCodec.text(message))")
        }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        try require(mp_avif_encoder_finish(encoder, &out, &length, &message) == 0,
                    "AVIF encoder failed to finish: \(FuzzCodec.text(message))")
        let file = FuzzCodec.takeBuffer(out, length: length)
        var limits = FuzzCodec.limits
        var info = mp_avif_info()
        let reopened = file.withUnsafeBytes { raw -> Bool in
            guard let decoder = mp_avif_decoder_open(raw.baseAddress!, raw.count, &limits, &info, &message) else {
                return false
            }
            mp_avif_decoder_close(decoder)
            return true
        }
        try require(reopened && info.width == width && info.height == height && info.frames == count,
                    "AVIF of \(count) frames at \(width)x\(height) reopened as \(info.width)x\(info.height), "
                    + "\(info.frames) frames: \(FuzzCodec.text(message))")
        return true
    }
}
