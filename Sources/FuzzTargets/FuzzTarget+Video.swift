import CCodecSupport
import CVideoFrame

extension FuzzTarget {
    /// The video frame decoder (FFmpeg's demuxers and decoders through `mp_video_decoder`): a start second from
    /// the input, then up to three frames.
    static let videoFrame = FuzzTarget(name: "video-frame", parameterBytes: 1) { bytes in
        var input = FuzzInput(bytes)
        let start = Double(input.value(in: 0...8)) / 2
        let source = input.rest
        var message = FuzzCodec.messageBuffer()
        var limits = FuzzCodec.limits
        var info = mp_video_info()
        guard let base = source.baseAddress,
              let decoder = mp_video_decoder_open(base, source.count, &limits, start, &info, &message) else { return false }
        defer { mp_video_decoder_close(decoder) }
        try require(info.width > 0 && info.height > 0 && Int64(info.width) * Int64(info.height) <= 4_000_000,
                    "video opened at \(info.width)x\(info.height)")
        var frame = mp_frame()
        var frames = 0
        while frames < 3, mp_video_decoder_next(decoder, &frame, &message) == 1 {
            frames += 1
            try require(frame.bands == 3 && frame.width > 0 && frame.height > 0,
                        "video frame \(frame.width)x\(frame.height) with \(frame.bands) bands")
            FuzzCodec.touch(frame)
        }
        return frames > 0
    }
}
