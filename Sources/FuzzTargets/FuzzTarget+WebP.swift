import CCodecSupport
import CWebPAnim

extension FuzzTarget {
    /// The animated WebP decoder (libwebp's demuxer and animation decoder through `mp_webp_decoder`).
    static let webpDecode = FuzzTarget(name: "webp-decode") { bytes in
        guard let summary = decodeWebP(bytes) else { return false }
        try require(summary.width > 0 && summary.height > 0, "WebP opened with an empty canvas")
        return summary.frames > 0
    }

    /// The animated WebP encoder on frames made from the input (each mode: lossy, lossless, the smaller per
    /// frame), then its file decoded again: the same canvas, at least one frame and at most as many as were added.
    static let webpEncode = FuzzTarget(name: "webp-encode") { bytes in
        var input = FuzzInput(bytes)
        let width = input.value(in: 1...40), height = input.value(in: 1...40), count = input.value(in: 1...4)
        let loop = input.choice([0, 1, 65535, 65536, Int(Int32.max), -1])
        let quality = input.value(in: 1...100), mode = input.value(in: 0...2), effort = input.value(in: 0...2)
        var message = FuzzCodec.messageBuffer()
        guard let encoder = mp_webp_encoder_new(Int32(width), Int32(height), Int32(loop), Int32(quality),
                                                Int32(mode), Int32(effort), &message) else {
            throw FuzzFinding("WebP encoder refused \(width)x\(height): \(FuzzCodec.text(message))")
        }
        defer { mp_webp_encoder_free(encoder) }
        for index in 0..<count {
            let rgba = input.pixels(width * height * 4, startingAt: index * 5)
            let delay = Int32(input.value(in: 0...255)) * 10
            try require(mp_webp_encoder_add(encoder, rgba, delay, Int32(input.byte() % 2), &message) == 0,
                        "WebP encoder failed on frame \(index): \(FuzzCodec.text(message))")
        }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        try require(mp_webp_encoder_finish(encoder, &out, &length, &message) == 0,
                    "WebP encoder failed to finish: \(FuzzCodec.text(message))")
        let file = FuzzCodec.takeBuffer(out, length: length)
        let summary = file.withUnsafeBytes { decodeWebP($0) }
        try require(summary.map { $0.width == width && $0.height == height && !$0.failed
                                  && (1...count).contains($0.frames) } ?? false,
                    "WebP of \(count) frames at \(width)x\(height) decoded as \(String(describing: summary))")
        return true
    }

    /// Opens and reads every frame of a WebP; nil when it does not open.
    static func decodeWebP(_ bytes: UnsafeRawBufferPointer) -> DecodedSummary? {
        var message = FuzzCodec.messageBuffer()
        var limits = FuzzCodec.limits
        var info = mp_webp_info()
        guard let base = bytes.baseAddress,
              let decoder = mp_webp_decoder_open(base, bytes.count, &limits, &info, &message) else { return nil }
        defer { mp_webp_decoder_close(decoder) }
        return DecodedSummary(width: info.width, height: info.height) { mp_webp_decoder_next(decoder, &$0, &message) }
    }
}
