import CAvifCodec

/// AVIF image sequences (and still AVIFs) through libavif, a frame at a time; HDR frames tone-mapped to SDR.
final class AVIFFrameDecoder: FrameDecoder {
    private let source: OwnedBytes
    private let decoder: OpaquePointer
    var handle: OpaquePointer { decoder }
    let info: mp_avif_info
    var width: Int { Int(info.width) }
    var height: Int { Int(info.height) }
    /// libavif 0.11 does not read the repetition count; sequences play forever, as browsers do.
    let loopCount: Int? = 0

    init(_ bytes: [UInt8], maxPixels: Int) throws {
        source = OwnedBytes(bytes)
        var info = mp_avif_info()
        var message = [CChar](repeating: 0, count: 128)
        guard let decoder = mp_avif_decoder_open(source.pointer, source.count, Int32(clamping: maxPixels), &info,
                                                 &message) else {
            throw PipelineError.invalidImage("avif: \(String(cString: message))")
        }
        self.decoder = decoder
        self.info = info
    }

    func next() throws -> DecodedFrame? {
        var pixels: UnsafePointer<UInt8>?
        var delay: Int32 = 0
        var message = [CChar](repeating: 0, count: 128)
        let status = mp_avif_decoder_next(decoder, &pixels, &delay, &message)
        if status < 0 { throw PipelineError.invalidImage("avif: \(String(cString: message))") }
        guard status == 1, let pixels else { return nil }
        return DecodedFrame(pixels: Array(UnsafeBufferPointer(start: pixels, count: width * height * 4)),
                            delay: Int(delay))
    }

    deinit { mp_avif_decoder_close(decoder) }
}

extension AVIFFrameDecoder {
    /// `info` with the sequence's frame count, per-frame delays and duration from libavif (no frame decoded).
    static func withTimings(_ info: ImageInfo, bytes: [UInt8], maxPixels: Int) throws -> ImageInfo {
        let decoder = try AVIFFrameDecoder(bytes, maxPixels: maxPixels)
        var result = info
        let frames = Int(decoder.info.frames)
        result.frames = max(frames, 1)
        result.animated = frames > 1
        result.frameDelays = (0..<frames).map { Int(mp_avif_decoder_frame_duration(decoder.handle, Int32($0))) }
        result.duration = result.frameDelays?.reduce(0, +)
        result.loopCount = decoder.loopCount
        result.hasAlpha = result.hasAlpha || decoder.info.has_alpha != 0
        result.bitDepth = Int(decoder.info.depth)
        return result
    }
}
