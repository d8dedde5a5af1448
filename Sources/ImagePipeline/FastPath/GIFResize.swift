import CCodecSupport
import CGifCodec
import Glibc
import ImageOptions
import MediaFormats

/// GIF to GIF at another size without the general frame pipeline: each source frame's changed rectangle is
/// resampled into the source frame's own palette and written by our LZW encoder (`mp_gif_resizer`).
enum GIFResize {
    /// Whether `plan` is a plain resize of a GIF (animated, or of one frame) to GIF: no crop, trim, turn, flip,
    /// filter, padding, background, extension or quantised palettes.
    static func takes(_ plan: ProcessingPlan, configuration: PipelineConfiguration) -> Bool {
        let options = plan.options, geometry = plan.geometry
        let wholeGIF = plan.mode == .animation || (plan.mode == .still && plan.info.frames == 1)
        guard configuration.animation.gifResizer, wholeGIF, plan.info.format == .gif,
              plan.outputFormat == .gif, plan.orientation.isIdentity, options.gifPalette != .quantize else { return false }
        guard options.trim == nil, geometry.crop == nil, !plan.appliesEffects,
              options.padding == nil, options.background == nil else { return false }
        let width = geometry.resizedWidth, height = geometry.resizedHeight
        return width > 0 && height > 0 && geometry.fillWidth == width && geometry.fillHeight == height
            && geometry.canvasWidth == width && geometry.canvasHeight == height && geometry.resultWidth == width
            && geometry.resultHeight == height
    }

    /// The resized GIF, or nil when this animation needs the general encoder (a frame that must show
    /// transparency with all 256 colours drawn). The deadline and the animation's time budget are checked between
    /// frames.
    static func render(_ bytes: [UInt8], plan: ProcessingPlan, configuration: PipelineConfiguration,
                       deadline: ContinuousClock.Instant?) throws -> ProcessedImage? {
        let start = ContinuousClock.now
        let budget = start + configuration.animation.timeBudget
        let width = plan.geometry.resizedWidth, height = plan.geometry.resizedHeight
        let repeats = Int32(clamping: AnimationLoop.gifRepeats(plays: AnimationLoop.plays(plan.info)) ?? -1)
        var limits = CodecCall.limits(configuration.limits)
        var message = CodecCall.messageBuffer()
        return try bytes.withUnsafeBufferPointer { buffer -> ProcessedImage? in
            guard let resizer = mp_gif_resizer_open(buffer.baseAddress!, buffer.count, &limits, Int32(width),
                                                    Int32(height), repeats, &message) else {
                throw PipelineError.invalidImage("gif: \(CodecCall.text(message))")
            }
            defer { mp_gif_resizer_free(resizer) }
            while true {
                let status = mp_gif_resizer_next(resizer, &message)
                if status == 0 { break }
                if status == 2 { return nil }
                guard status == 1 else {
                    throw CodecCall.decodeFailure("gif", message, decoded: Int(mp_gif_resizer_frames(resizer)),
                                                  maxFrames: configuration.limits.maxFrames)
                }
                if let deadline, ContinuousClock.now >= deadline { throw PipelineError.deadlineExceeded }
                if ContinuousClock.now >= budget { throw AnimationProcessor.BudgetExceeded.time }
            }
            let frames = Int(mp_gif_resizer_frames(resizer))
            let encodeStart = ContinuousClock.now
            let encoded = try FrameEncoders.finish(format: "gif") { mp_gif_resizer_finish(resizer, &$0, &$1, &$2) }
            return ProcessedImage(bytes: encoded, format: .gif, width: width, height: height, frames: frames,
                                  timings: PipelineTimings(process: start.duration(to: encodeStart),
                                                           encode: encodeStart.duration(to: .now)))
        }
    }
}
