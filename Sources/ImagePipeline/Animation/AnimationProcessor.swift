import Dispatch
import MediaFormats
import Synchronization
import ImageOptions

/// Processes an animation a frame at a time: decode (composite) -> ordered steps -> animated encoder.
///
/// Peak memory holds a few frames whatever the frame count. With `parallelism` above 1, frames are rendered in
/// small batches on that many threads while decoding and encoding stay in order on the calling thread.
struct AnimationProcessor {
    let plan: ProcessingPlan
    let configuration: PipelineConfiguration

    /// Why an animation stopped before its end: it may still be answered with its first frame.
    enum BudgetExceeded: Error {
        case bytes(Int)
        case time

        /// The error to answer when the first frame may not stand in.
        var pipelineError: PipelineError {
            switch self {
            case .bytes(let count): PipelineError.resultTooLarge("animation came to \(count) bytes")
            case .time: PipelineError.deadlineExceeded
            }
        }
    }

    /// GIF to GIF never answers more bytes than the source when it can help it: an unchanged animation is the
    /// source itself, or (when small enough) its exact re-encoding by the GIF resizer if that is smaller; a result
    /// that grew with the source's palettes is tried again with new ones.
    func process(_ bytes: [UInt8], deadline: ContinuousClock.Instant?,
                 parallelism: @Sendable () -> Int) throws -> ProcessedImage {
        let keepsPalettes = plan.options.gifPalette == .keep || (plan.options.gifPalette == .auto && plan.info.format == .gif)
        let gifToGIF = plan.info.format == .gif && plan.outputFormat == .gif
        var result: ProcessedImage
        if plan.info.format == .png, [.png, .apng].contains(plan.outputFormat), plan.leavesPixelsUnchanged {
            // An APNG asked for as it is: the source itself (re-encoding could only cost time and bytes).
            return sourceItself(bytes, as: plan.outputFormat)
        }
        if plan.info.format == .gif, plan.outputFormat != .gif {
            result = try fromGIF(bytes, deadline: deadline, parallelism: parallelism)
        } else if gifToGIF, plan.leavesPixelsUnchanged {
            result = sourceItself(bytes, as: .gif)
            if plan.info.width * plan.info.height * plan.info.frames <= configuration.animation.gifReencodePixels,
               GIFResize.takes(plan, configuration: configuration),
               let reencoded = try GIFResize.render(bytes, plan: plan, configuration: configuration, deadline: deadline),
               reencoded.bytes.count < bytes.count {
                result = reencoded
            }
        } else if GIFResize.takes(plan, configuration: configuration),
                  let resized = try GIFResize.render(bytes, plan: plan, configuration: configuration, deadline: deadline) {
            result = resized
            if result.bytes.count > bytes.count, plan.options.gifPalette == .auto {
                let second = try render(bytes, deadline: deadline, parallelism: parallelism, keepsPalettes: false)
                if second.bytes.count < result.bytes.count { result = second }
            }
        } else {
            result = try render(bytes, deadline: deadline, parallelism: parallelism, keepsPalettes: keepsPalettes)
            if gifToGIF, keepsPalettes, plan.options.gifPalette == .auto, result.bytes.count > bytes.count {
                let second = try render(bytes, deadline: deadline, parallelism: parallelism, keepsPalettes: false)
                if second.bytes.count < result.bytes.count { result = second }
            }
        }
        let limit = plan.options.maxBytes > 0 ? min(plan.options.maxBytes, configuration.animation.maxResultBytes)
                                               : configuration.animation.maxResultBytes
        if result.bytes.count > limit { throw BudgetExceeded.bytes(result.bytes.count) }
        return result
    }

    /// The source answered as it is, labelled `format` (the source's own, or APNG's `png`/`apng`).
    private func sourceItself(_ bytes: [UInt8], as format: ImageFormat) -> ProcessedImage {
        ProcessedImage(bytes: bytes, format: format, width: plan.info.width, height: plan.info.height,
                       frames: plan.info.frames, timings: PipelineTimings(process: .zero, encode: .zero))
    }

    /// Decodes, renders and encodes every frame.
    func render(_ bytes: [UInt8], deadline: ContinuousClock.Instant?, parallelism: @Sendable () -> Int,
                        keepsPalettes: Bool) throws -> ProcessedImage {
        let start = ContinuousClock.now
        let budget = start + configuration.animation.timeBudget
        let decoder = try FrameDecoders.open(bytes, info: plan.info, limits: configuration.limits)
        let renderer = FrameRenderer(plan: plan, configuration: configuration)
        var encoder: FrameEncoder?
        var outputSize = (width: 0, height: 0)
        var frames = 0
        var batch: [DecodedFrame] = []
        while true {
            let threads = max(1, min(parallelism(), configuration.animation.maxParallelism))
            let batchSize = threads > 1 ? threads * 2 : 1
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize, let frame = try decoder.next() {
                batch.append(frame)
            }
            if batch.isEmpty { break }
            frames += batch.count
            guard frames <= configuration.limits.maxFrames else {
                throw PipelineError.sourceTooLarge("more than \(configuration.limits.maxFrames) frames")
            }
            let rendered = try render(batch, renderer: renderer, width: decoder.width, height: decoder.height,
                                      threads: threads)
            for (frame, output) in zip(batch, rendered) {
                if encoder == nil {
                    outputSize = (output.width, output.height)
                    encoder = try FrameEncoders.make(plan.outputFormat, settings: settings(output), keepsPalettes: keepsPalettes)
                }
                guard output.width == outputSize.width, output.height == outputSize.height else {
                    throw PipelineError.invalidImage("frames came out in different sizes")
                }
                try encoder?.add(output.pixels, delay: frame.delay, palette: frame.palette)
            }
            if let deadline, ContinuousClock.now >= deadline { throw PipelineError.deadlineExceeded }
            if ContinuousClock.now >= budget { throw BudgetExceeded.time }
        }
        guard let encoder else { throw PipelineError.invalidImage("animation has no frames") }
        let encodeStart = ContinuousClock.now
        let result = try encoder.finish()
        return ProcessedImage(bytes: result, format: plan.outputFormat, width: outputSize.width,
                              height: outputSize.height, frames: frames,
                              timings: PipelineTimings(process: start.duration(to: encodeStart),
                                                       encode: encodeStart.duration(to: .now)))
    }

    private func settings(_ frame: RenderedFrame) -> FrameEncoderSettings {
        let format = plan.outputFormat
        let quality = plan.options.quality(for: format) ?? configuration.encoder.defaultQuality(for: format)
        return FrameEncoderSettings(width: frame.width, height: frame.height, plays: AnimationLoop.plays(plan.info),
                                    quality: quality, hasAlpha: plan.info.hasAlpha || plan.info.format == .gif,
                                    encoder: configuration.encoder, gifDither: configuration.animation.gifDither,
                                    losslessWebP: plan.info.format == .gif)
    }

    private func render(_ batch: [DecodedFrame], renderer: FrameRenderer, width: Int, height: Int,
                        threads: Int) throws -> [RenderedFrame] {
        if threads == 1 || batch.count == 1 {
            return try PipelineError.mappingVipsErrors("frame") {
                try batch.map { try renderer.rgba($0.pixels, width: width, height: height) }
            }
        }
        let results = ResultSlots(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            results.set(index, Result { try renderer.rgba(batch[index].pixels, width: width, height: height) })
        }
        return try PipelineError.mappingVipsErrors("frame") { try results.values.map { try $0!.get() } }
    }
}

/// Results written by concurrent workers, one slot each.
private final class ResultSlots: Sendable {
    private let slots: Mutex<[Result<RenderedFrame, any Error>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Result<RenderedFrame, any Error>) {
        slots.withLock { $0[index] = value }
    }

    var values: [Result<RenderedFrame, any Error>?] { slots.withLock { $0 } }
}
