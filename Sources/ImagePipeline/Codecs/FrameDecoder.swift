import MediaFormats

/// Hands out an animation's frames one at a time, each composited onto the canvas, so memory does not grow with
/// the number of frames.
protocol FrameDecoder: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Times to play (0 forever); nil when the file says nothing (a GIF without a loop extension plays once).
    var loopCount: Int? { get }
    /// The next frame, or nil after the last.
    func next() throws -> DecodedFrame?
}

/// Opens the frame decoder for an animated source format.
enum FrameDecoders {
    static func open(_ bytes: [UInt8], info: ImageInfo, limits: ImageLimits) throws -> FrameDecoder {
        switch info.format {
        case .gif: return try GIFFrameDecoder.open(bytes, loopCount: info.loopCount, limits: limits)
        case .webp: return try WebPFrameDecoder.open(bytes, limits: limits)
        case .avif: return try AVIFFrameDecoder.open(bytes, limits: limits).decoder
        case .png: return try APNGFrameDecoder.open(bytes, limits: limits)
        default: throw PipelineError.unsupportedFormat("\(info.format.rawValue) has no frame decoder")
        }
    }
}
