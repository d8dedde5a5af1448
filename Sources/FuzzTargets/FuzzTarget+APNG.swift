import CApngCodec
import CCodecSupport

extension FuzzTarget {
    /// The APNG decoder (chunk walking, sequence checks, libpng per frame, blend and dispose) on arbitrary bytes:
    /// a canvas that opens is not empty, and no more frames come out than acTL declares.
    static let apngDecode = FuzzTarget(name: "apng-decode") { bytes in
        guard let (summary, declared) = decodeAPNG(bytes) else { return false }
        try require(summary.width > 0 && summary.height > 0, "APNG opened with an empty canvas")
        try require(summary.frames <= declared, "\(summary.frames) frames out of \(declared) declared")
        return summary.frames > 0
    }

    /// The APNG encoder on frames made from the input (with and without alpha, repeated frames among them), then
    /// its file decoded again by our decoder: the same canvas, every frame, and each frame exactly the pixels
    /// added (the format is lossless; without alpha, the colours and an opaque alpha).
    static let apngEncode = FuzzTarget(name: "apng-encode") { bytes in
        var input = FuzzInput(bytes)
        let width = input.value(in: 1...40), height = input.value(in: 1...40), count = input.value(in: 1...4)
        let plays = input.choice([0, 1, 3, 65535, -1]), alpha = input.value(in: 0...1), level = input.value(in: 1...9)
        var message = FuzzCodec.messageBuffer()
        guard let encoder = mp_apng_encoder_new(Int32(width), Int32(height), Int32(plays), Int32(alpha), Int32(level),
                                                &message) else {
            throw FuzzFinding("APNG encoder refused \(width)x\(height): \(FuzzCodec.text(message))")
        }
        defer { mp_apng_encoder_free(encoder) }
        var added: [[UInt8]] = []
        for index in 0..<count {
            let repeated = index > 0 && input.byte() % 3 == 0
            let rgba = repeated ? added[index - 1] : input.pixels(width * height * 4, startingAt: index * 7)
            try require(mp_apng_encoder_add(encoder, rgba, Int32(input.value(in: 0...255)) * 10, &message) == 0,
                        "APNG encoder failed on frame \(index): \(FuzzCodec.text(message))")
            added.append(alpha == 1 ? rgba : opaque(rgba))
        }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        try require(mp_apng_encoder_finish(encoder, &out, &length, &message) == 0,
                    "APNG encoder failed to finish: \(FuzzCodec.text(message))")
        let file = FuzzCodec.takeBuffer(out, length: length)
        var decoded: [[UInt8]] = []
        let result = file.withUnsafeBytes { decodeAPNG($0) { decoded.append($0) } }
        try require(result.map { $0.0.width == width && $0.0.height == height && !$0.0.failed && $0.0.frames == count }
                        ?? false, "APNG of \(count) frames at \(width)x\(height) decoded as \(String(describing: result))")
        for (index, (ours, expected)) in zip(decoded, added).enumerated() {
            try require(alpha == 1 ? visiblyEqual(ours, expected) : ours == expected, "APNG frame \(index) changed")
        }
        return true
    }

    /// Opens and reads every frame of an APNG, with the frame count acTL declares; nil when it does not open.
    static func decodeAPNG(_ bytes: UnsafeRawBufferPointer,
                           eachFrame: (([UInt8]) -> Void)? = nil) -> (DecodedSummary, declared: Int)? {
        var message = FuzzCodec.messageBuffer()
        var limits = FuzzCodec.limits
        var info = mp_apng_info()
        guard let base = bytes.baseAddress,
              let decoder = mp_apng_decoder_open(base, bytes.count, &limits, &info, &message) else { return nil }
        defer { mp_apng_decoder_close(decoder) }
        let summary = DecodedSummary(width: info.width, height: info.height, eachFrame: eachFrame) {
            mp_apng_decoder_next(decoder, &$0, &message)
        }
        return (summary, Int(info.frames))
    }

    /// The pixels with alpha made opaque (what an RGB APNG keeps).
    private static func opaque(_ rgba: [UInt8]) -> [UInt8] {
        var pixels = rgba
        for index in stride(from: 3, to: pixels.count, by: 4) { pixels[index] = 255 }
        return pixels
    }

    /// Equal where visible; a fully transparent pixel's colour does not matter.
    private static func visiblyEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        for index in stride(from: 0, to: a.count, by: 4) {
            let alpha = a[index + 3]
            if alpha != b[index + 3] { return false }
            if alpha != 0, a[index] != b[index] || a[index + 1] != b[index + 1] || a[index + 2] != b[index + 2] {
                return false
            }
        }
        return true
    }
}
