import CWebPAnim

/// Animated WebP frames through libwebp's animation decoder (blending and disposal applied).
final class WebPFrameDecoder: FrameDecoder {
    private let source: OwnedBytes
    private let decoder: OpaquePointer
    let width: Int
    let height: Int
    let frameCount: Int
    let loopCount: Int?

    init(_ bytes: [UInt8]) throws {
        source = OwnedBytes(bytes)
        var message = [CChar](repeating: 0, count: 128)
        guard let decoder = mp_webp_decoder_open(source.pointer, source.count, &message) else {
            throw PipelineError.invalidImage("webp: \(String(cString: message))")
        }
        self.decoder = decoder
        var width: Int32 = 0, height: Int32 = 0, frames: Int32 = 0, loops: Int32 = 0
        mp_webp_decoder_info(decoder, &width, &height, &frames, &loops)
        self.width = Int(width)
        self.height = Int(height)
        frameCount = Int(frames)
        loopCount = Int(loops)
    }

    func next() throws -> DecodedFrame? {
        var canvas: UnsafePointer<UInt8>?
        var delay: Int32 = 0
        var message = [CChar](repeating: 0, count: 128)
        let status = mp_webp_decoder_next(decoder, &canvas, &delay, &message)
        if status < 0 { throw PipelineError.invalidImage("webp: \(String(cString: message))") }
        guard status == 1, let canvas else { return nil }
        return DecodedFrame(pixels: Array(UnsafeBufferPointer(start: canvas, count: width * height * 4)),
                            delay: Int(delay))
    }

    deinit { mp_webp_decoder_close(decoder) }
}
