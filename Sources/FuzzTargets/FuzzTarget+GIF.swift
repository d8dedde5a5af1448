import CCodecSupport
import CGifCodec

extension FuzzTarget {
    /// The GIF decoder (giflib through `mp_gif_decoder`) on arbitrary bytes; every frame's canvas is read whole.
    static let gifDecode = FuzzTarget(name: "gif-decode") { bytes in
        guard let summary = decodeGIF(bytes) else { return false }
        try require(summary.width > 0 && summary.height > 0, "GIF opened with an empty canvas")
        return summary.frames > 0
    }

    /// The GIF encoder on frames made from the input, then its file decoded again: the same canvas, as many
    /// frames as were added, and each frame transparent where it was given so. A frame is drawn from one of two palettes (one
    /// marked as the source's global palette) and handed to the encoder with it, the way a GIF-to-GIF job keeps
    /// its source's palettes, or without one (quantised).
    static let gifEncode = FuzzTarget(name: "gif-encode") { bytes in
        var input = FuzzInput(bytes)
        let width = input.value(in: 1...32), height = input.value(in: 1...32), count = input.value(in: 1...5)
        let loop = input.choice([-1, 0, 1, 65535, 65536, Int(Int32.max)])
        var message = FuzzCodec.messageBuffer()
        guard let encoder = mp_gif_encoder_new(Int32(width), Int32(height), Int32(loop), 0,
                                               Int32(input.value(in: 1...10)), &message) else {
            throw FuzzFinding("GIF encoder refused \(width)x\(height): \(FuzzCodec.text(message))")
        }
        defer { mp_gif_encoder_free(encoder) }
        let palettes = [GIFTestPalette(&input, isGlobal: true), GIFTestPalette(&input, isGlobal: false)]
        var frames: [[UInt8]] = []
        for index in 0..<count {
            let choice = Int(input.byte() % 3)
            let palette = palettes[choice % 2]
            let rgba = palette.frame(width: width, height: height, indices: input.pixels(width * height,
                                                                                          startingAt: index * 11))
            let delay = Int32(input.value(in: 0...255)) * 10
            var cPalette = palette.palette
            let status = choice == 2 ? mp_gif_encoder_add(encoder, rgba, delay, nil, &message)
                : mp_gif_encoder_add(encoder, rgba, delay, &cPalette, &message)
            try require(status == 0, "GIF encoder failed on frame \(index): \(FuzzCodec.text(message))")
            frames.append(rgba)
        }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        try require(mp_gif_encoder_finish(encoder, &out, &length, &message) == 0,
                    "GIF encoder failed to finish: \(FuzzCodec.text(message))")
        let file = FuzzCodec.takeBuffer(out, length: length)
        var decoded: [[UInt8]] = []
        let summary = file.withUnsafeBytes { decodeGIF($0) { decoded.append($0) } }
        try require(summary == DecodedSummary(width: width, height: height, frames: count, failed: false),
                    "GIF of \(count) frames at \(width)x\(height) decoded as \(String(describing: summary))")
        for (index, (given, shown)) in zip(frames, decoded).enumerated() {
            try require(GIFTestPalette.sameTransparency(given, shown),
                        "frame \(index) of \(count) at \(width)x\(height) decodes with other pixels transparent")
        }
        return true
    }

    /// The GIF-to-GIF resizer (`mp_gif_resizer`: our own resampler, palette mapping and LZW encoder) on arbitrary
    /// bytes, at a size taken from the input; what it writes must decode at that size with every frame.
    static let gifResize = FuzzTarget(name: "gif-resize", parameterBytes: 3) { bytes in
        var input = FuzzInput(bytes)
        let width = input.value(in: 1...160), height = input.value(in: 1...160)
        let loop = input.choice([-1, 0, 3, 65535, 65536])
        let source = input.rest
        var message = FuzzCodec.messageBuffer()
        var limits = FuzzCodec.limits
        guard let base = source.baseAddress,
              let resizer = mp_gif_resizer_open(base, source.count, &limits, Int32(width), Int32(height),
                                                Int32(loop), &message) else { return false }
        defer { mp_gif_resizer_free(resizer) }
        var status: Int32 = 1
        while status == 1 { status = mp_gif_resizer_next(resizer, &message) }
        guard status == 0 else { return false }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard mp_gif_resizer_finish(resizer, &out, &length, &message) == 0 else { return false }
        let file = FuzzCodec.takeBuffer(out, length: length)
        let frames = Int(mp_gif_resizer_frames(resizer))
        let summary = file.withUnsafeBytes { decodeGIF($0) }
        try require(summary == DecodedSummary(width: width, height: height, frames: frames, failed: false),
                    "resized GIF of \(frames) frames at \(width)x\(height) decoded as \(String(describing: summary))")
        return true
    }

    /// Opens and reads every frame of a GIF; nil when it does not open.
    static func decodeGIF(_ bytes: UnsafeRawBufferPointer,
                          eachFrame: (([UInt8]) -> Void)? = nil) -> DecodedSummary? {
        var message = FuzzCodec.messageBuffer()
        var limits = FuzzCodec.limits
        var info = mp_gif_info()
        guard let base = bytes.baseAddress,
              let decoder = mp_gif_decoder_open(base, bytes.count, &limits, &info, &message) else { return nil }
        defer { mp_gif_decoder_close(decoder) }
        var palette = mp_gif_palette()
        return DecodedSummary(width: info.width, height: info.height, eachFrame: eachFrame) {
            mp_gif_decoder_next(decoder, &$0, &palette, &message)
        }
    }
}
