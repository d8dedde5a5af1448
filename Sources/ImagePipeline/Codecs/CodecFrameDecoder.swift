import CCodecSupport

/// A C frame decoder of the shared convention (`_open` filled the info, `_next` gives 1/0/-1, `_close`), seen
/// as a `FrameDecoder`: it owns a copy of the input at a stable address and the C decoder's handle.
final class CodecFrameDecoder: FrameDecoder {
    /// Decodes the next frame into `frame`, with the frame's palette when the codec has one; the C status.
    typealias Next = (OpaquePointer, inout mp_frame, inout [CChar]) -> (status: Int32, palette: FramePalette?)

    private let source: OwnedBytes
    /// The C decoder, for codec-specific queries (such as AVIF frame timings).
    let handle: OpaquePointer
    private let nextFrame: Next
    private let close: (OpaquePointer) -> Void
    private let name: String
    private let maxFrames: Int
    private var decoded = 0
    let width: Int
    let height: Int
    let loopCount: Int?

    /// Opens a decoder: `open` gets the input's address and length and a message buffer, and returns the handle
    /// with the canvas size and loop count, or nil (the message says why).
    init(_ bytes: [UInt8], name: String, limits: ImageLimits,
         open: (UnsafePointer<UInt8>, Int, inout [CChar]) -> (OpaquePointer, width: Int, height: Int, loops: Int?)?,
         next: @escaping Next, close: @escaping (OpaquePointer) -> Void) throws {
        source = OwnedBytes(bytes)
        var message = CodecCall.messageBuffer()
        guard let opened = open(source.pointer, source.count, &message) else {
            throw PipelineError.invalidImage("\(name): \(CodecCall.text(message))")
        }
        (handle, width, height, loopCount) = opened
        nextFrame = next
        self.close = close
        self.name = name
        maxFrames = limits.maxFrames
    }

    func next() throws -> DecodedFrame? {
        var frame = mp_frame()
        var message = CodecCall.messageBuffer()
        let (status, palette) = nextFrame(handle, &frame, &message)
        if status < 0 { throw CodecCall.decodeFailure(name, message, decoded: decoded, maxFrames: maxFrames) }
        guard status == 1, let pixels = frame.pixels else { return nil }
        decoded += 1
        let count = Int(frame.width) * Int(frame.height) * Int(frame.bands)
        return DecodedFrame(pixels: Array(UnsafeBufferPointer(start: pixels, count: count)), width: Int(frame.width),
                            height: Int(frame.height), bands: Int(frame.bands), delay: Int(frame.delay_ms),
                            palette: palette)
    }

    deinit { close(handle) }
}
