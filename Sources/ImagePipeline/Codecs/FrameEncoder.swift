import Glibc
import MediaFormats

/// Writes an animation a frame at a time; every frame has the size given when the encoder was made.
protocol FrameEncoder: AnyObject {
    /// Adds one frame (8-bit RGBA); `palette` is the source GIF frame's palette for the keep strategy.
    func add(_ rgba: [UInt8], delay: Int, palette: FramePalette?) throws
    /// The encoded file.
    func finish() throws -> [UInt8]
}

/// What an animated encoder is made with.
struct FrameEncoderSettings {
    var width: Int
    var height: Int
    /// Times to play, 0 forever.
    var plays: Int
    var quality: Int
    var hasAlpha: Bool
    var encoder: EncoderConfiguration
    var gifDither: Float
    /// For WebP: lossless frames (palette sources such as GIF: smaller than lossy, exact, and no frame is merged
    /// into its neighbour as libwebp does with lossy frames that differ within its tolerance).
    var losslessWebP: Bool
}

enum FrameEncoders {
    static func make(_ format: ImageFormat, settings: FrameEncoderSettings, keepsPalettes: Bool) throws -> FrameEncoder {
        switch format {
        case .gif: return try GIFFrameEncoder(settings, keepsPalettes: keepsPalettes)
        case .webp: return try WebPFrameEncoder(settings)
        case .avif: return try AVIFFrameEncoder(settings)
        case .apng, .png: return try APNGFrameEncoder(settings)
        default: throw PipelineError.unsupportedFormat("\(format.rawValue) cannot hold an animation")
        }
    }

    /// Runs a C encoder's finish call and turns its malloc'd buffer into an owned array.
    static func finish(format: String,
                       _ call: (inout UnsafeMutablePointer<UInt8>?, inout Int, inout [CChar]) -> Int32) throws -> [UInt8] {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = CodecCall.messageBuffer()
        let status = call(&buffer, &length, &message)
        defer { free(buffer) }
        guard status == 0, let buffer else { throw failure(format, message) }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// Runs a C encoder's add call (0 or -1 with a message).
    static func add(format: String, _ call: (inout [CChar]) -> Int32) throws {
        var message = CodecCall.messageBuffer()
        if call(&message) != 0 { throw failure(format, message) }
    }

    /// Runs a C encoder's constructor; a refusal is a result the encoder cannot make at that size.
    static func make(format: String, width: Int, height: Int,
                     _ call: (inout [CChar]) -> OpaquePointer?) throws -> OpaquePointer {
        var message = CodecCall.messageBuffer()
        guard let encoder = call(&message) else {
            throw PipelineError.resultTooLarge("\(format) encoder refused \(width)x\(height): \(CodecCall.text(message))")
        }
        return encoder
    }

    /// An encoder failing on frames the pipeline made is our failure (a 5xx), not the source's.
    private static func failure(_ format: String, _ message: [CChar]) -> PipelineError {
        PipelineError.encodeFailed("\(format) encode: \(CodecCall.text(message))")
    }
}
