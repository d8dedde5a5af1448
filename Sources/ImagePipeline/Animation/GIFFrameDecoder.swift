import CGifCodec

/// GIF frames through giflib, composited in C (disposal, sub-rectangles, transparency, local palettes).
final class GIFFrameDecoder: FrameDecoder {
    private let source: OwnedBytes
    private let decoder: OpaquePointer
    let width: Int
    let height: Int
    let loopCount: Int?

    init(_ bytes: [UInt8], loopCount: Int?) throws {
        source = OwnedBytes(bytes)
        var message = [CChar](repeating: 0, count: 128)
        guard let decoder = mp_gif_decoder_open(source.pointer, source.count, &message) else {
            throw PipelineError.invalidImage("gif: \(String(cString: message))")
        }
        self.decoder = decoder
        width = Int(mp_gif_decoder_width(decoder))
        height = Int(mp_gif_decoder_height(decoder))
        self.loopCount = loopCount
    }

    func next() throws -> DecodedFrame? {
        var canvas: UnsafePointer<UInt8>?
        var delay: Int32 = 0
        var palette = mp_gif_palette()
        var message = [CChar](repeating: 0, count: 128)
        let status = mp_gif_decoder_next(decoder, &canvas, &delay, &palette, &message)
        if status < 0 { throw PipelineError.invalidImage("gif: \(String(cString: message))") }
        guard status == 1, let canvas else { return nil }
        let pixels = Array(UnsafeBufferPointer(start: canvas, count: width * height * 4))
        return DecodedFrame(pixels: pixels, delay: Int(delay), palette: palette)
    }

    deinit { mp_gif_decoder_close(decoder) }
}
