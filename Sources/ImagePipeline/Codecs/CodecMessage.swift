import CCodecSupport

/// The message buffer every C codec call writes into, and the limits every C decoder takes.
enum CodecCall {
    /// A zeroed buffer of `MP_MESSAGE_SIZE` bytes.
    static func messageBuffer() -> [CChar] { [CChar](repeating: 0, count: Int(MP_MESSAGE_SIZE)) }

    /// The text a call left in `buffer`.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What a decoder's failure after `decoded` frames means: the source has too many frames, or is broken
    /// (`name` says which decoder).
    static func decodeFailure(_ name: String, _ message: [CChar], decoded: Int, maxFrames: Int) -> PipelineError {
        decoded >= maxFrames ? PipelineError.sourceTooLarge("more than \(maxFrames) frames")
                             : PipelineError.invalidImage("\(name): \(text(message))")
    }

    /// The C limits for `limits`: one frame's pixels (0: none) and the frame count.
    static func limits(_ limits: ImageLimits) -> mp_limits {
        mp_limits(max_frame_pixels: Int64(limits.maxSourcePixels), max_frames: Int32(clamping: limits.maxFrames))
    }
}
