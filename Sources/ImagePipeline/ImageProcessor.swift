import ImageOptions
import MediaFormats
import VipsKit

/// The image pipeline: probe -> plan -> load (shrink-on-load) -> ordered steps -> encode.
///
/// Synchronous: one call runs on the calling thread from start to end and shares no state with other calls,
/// so a server runs one call per worker thread.
public struct ImageProcessor: Sendable {
    public let configuration: PipelineConfiguration

    /// Checks the configuration and sets libvips' Orc choice; libvips itself starts on the first job that
    /// needs it (a GIF resize or a YUV-domain JPEG thumbnail does not).
    public init(configuration: PipelineConfiguration = PipelineConfiguration()) throws {
        try configuration.validate()
        VipsRuntime.configure(vectorCode: configuration.vipsVectorCode)
        self.configuration = configuration
    }

    /// Loads and starts libvips now rather than on the first job that needs it: a server pays the ~40 ms once at
    /// start-up, and refuses to start when libvips cannot be loaded.
    public func startLibraries() throws {
        try PipelineError.mappingVipsErrors("start") { try VipsRuntime.start(vectorCode: configuration.vipsVectorCode) }
    }

    /// Reads the header of `bytes`; `format`, when the caller already sniffed it, is trusted instead of sniffing
    /// again. Videos are read by FFmpeg's demuxer (codec, duration, rotation); AVIF sequences' timings by libavif.
    public func probe(_ bytes: [UInt8], format: ImageFormat? = nil) throws -> ImageInfo {
        let info: ImageInfo
        do {
            info = try ImageProber.probe(bytes, format: format)
        } catch let error as ProbeError {
            throw error == .unknownFormat ? PipelineError.unsupportedFormat(error.detail) : PipelineError.invalidImage(error.detail)
        }
        switch info.format {
        case .mp4, .webm:
            return try VideoFrameDecoder.probe(bytes, format: info.format, limits: configuration.limits)
        case .avif where info.animated:
            // A sequence libavif cannot parse keeps the header's facts; its primary image may still be readable.
            return (try? AVIFFrameDecoder.withTimings(info, bytes: bytes, limits: configuration.limits))
                ?? info
        default:
            return info
        }
    }

    /// Plans the job from the header alone: refuses what is over a limit before any decode.
    public func plan(_ bytes: [UInt8], format: ImageFormat? = nil, options: ProcessingOptions) throws -> ProcessingPlan {
        try ProcessingPlan(info: try probe(bytes, format: format), options: options, configuration: configuration)
    }

    /// Runs the whole pipeline; `deadline` is checked between steps (and between frames). An animation renders
    /// each batch of frames on as many threads as `parallelism` answers then (1: the calling thread only).
    /// `format` is the sniffed source format when the caller has it.
    /// `watermark` is the encoded image the options' `watermark` draws (the caller fetches it).
    public func process(_ bytes: [UInt8], format: ImageFormat? = nil, options: ProcessingOptions,
                        watermark: [UInt8]? = nil, deadline: ContinuousClock.Instant? = nil,
                        parallelism: @Sendable () -> Int = { 1 }) throws -> ProcessedImage {
        let job = try limited(by: options.sourceLimits)
        if let most = options.sourceLimits.maxFileSize, bytes.count > most {
            throw PipelineError.sourceTooLarge("source has \(bytes.count) bytes, over the request's \(most)")
        }
        let info = try job.probe(bytes, format: format)
        return try job.process(bytes, info: info, options: options, watermark: watermark, deadline: deadline,
                               parallelism: parallelism)
    }

    /// This processor with a request's own source limits in place of the configured ones.
    private func limited(by overrides: SourceLimitOverrides) throws -> ImageProcessor {
        guard !overrides.isEmpty else { return self }
        var configuration = configuration
        configuration.limits.apply(overrides)
        return try ImageProcessor(configuration: configuration)
    }

    /// The pipeline from an already probed header.
    private func process(_ bytes: [UInt8], info: ImageInfo, options: ProcessingOptions, watermark: [UInt8]?,
                         deadline: ContinuousClock.Instant?, parallelism: @Sendable () -> Int) throws -> ProcessedImage {
        let start = ContinuousClock.now
        var plan = try ProcessingPlan(info: info, options: options, configuration: configuration)
        plan.watermarkImage = watermark
        try StepRunner.check(deadline)
        if plan.mode == .animation {
            do {
                return try AnimationProcessor(plan: plan, configuration: configuration)
                    .process(bytes, deadline: deadline, parallelism: parallelism)
            } catch let error as PipelineError where [.avif, .png].contains(info.format) && error.kind == .invalidImage {
                guard let image = try? firstFrameAsStill(bytes, info: info, options: options, watermark: watermark,
                                                         deadline: deadline) else {
                    throw error
                }
                return image
            } catch let exceeded as AnimationProcessor.BudgetExceeded {
                guard configuration.animation.fallbackToStill else { throw exceeded.pipelineError }
                return try firstFrameAsStill(bytes, info: info, options: options, watermark: watermark,
                                             deadline: deadline)
            }
        }
        if PlanarThumbnail.takes(plan, configuration: configuration),
           let thumbnail = try PlanarThumbnail.render(bytes, plan: plan, configuration: configuration) {
            return thumbnail
        }
        if GIFResize.takes(plan, configuration: configuration),
           let resized = try GIFResize.render(bytes, plan: plan, configuration: configuration, deadline: deadline) {
            // A one-frame GIF asked for unchanged is answered as it came when its re-encoding is no smaller.
            guard plan.leavesPixelsUnchanged, resized.bytes.count >= bytes.count else { return resized }
            return ProcessedImage(bytes: bytes, format: .gif, width: info.width, height: info.height,
                                  timings: PipelineTimings(process: start.duration(to: .now), encode: .zero))
        }
        let loaded = try PipelineError.mappingVipsErrors("load") { try load(bytes, plan: plan) }
        guard loaded.width * loaded.height <= configuration.limits.maxSourcePixels else {
            throw PipelineError.sourceTooLarge("decoded size disagrees with the header")
        }
        let decodeScale = plan.load?.decodeScale ?? 1
        let (image, context) = try StepRunner(plan: plan, configuration: configuration)
            .run(loaded, decodeScale: decodeScale, deadline: deadline)
        try StepRunner.check(deadline)
        // The plan sized the result from the header; a decoder that disagreed with it must not carry a result
        // past the limit.
        try configuration.limits.checkResult(width: image.width, height: image.height, "decoded")
        let encodeStart = ContinuousClock.now
        let encoder = ImageEncoder(configuration: configuration.encoder)
        let bytes = try PipelineError.mappingVipsErrors("encode") {
            try encoder.encode(image, format: plan.outputFormat, options: options, strip: !context.writesMetadata)
        }
        let timings = PipelineTimings(process: start.duration(to: encodeStart), encode: encodeStart.duration(to: .now))
        return ProcessedImage(bytes: bytes, format: plan.outputFormat, width: image.width, height: image.height,
                              timings: timings)
    }

    /// The job again with the animation's first frame as a still image, from the same probed header.
    private func firstFrameAsStill(_ bytes: [UInt8], info: ImageInfo, options: ProcessingOptions, watermark: [UInt8]?,
                                   deadline: ContinuousClock.Instant?) throws -> ProcessedImage {
        var still = options
        still.disableAnimation = true
        return try process(bytes, info: info, options: still, watermark: watermark, deadline: deadline,
                           parallelism: { 1 })
    }

    /// Decodes the pixels a still job starts from.
    func load(_ bytes: [UInt8], plan: ProcessingPlan) throws -> VImage {
        switch plan.mode {
        case .still, .animation:
            guard let load = plan.load else { throw PipelineError.invalidImage("no loader planned") }
            return try SourceDecoder.decode(bytes, plan: load, info: plan.info)
        case .frame(let index):
            do {
                return try FrameExtractor.frame(index, of: bytes, info: plan.info, limits: configuration.limits)
            } catch let error as PipelineError where [.avif, .png].contains(plan.info.format) && index == 0 {
                // libavif 0.11 cannot parse some sequences (an audio track in the moov); libheif may still read
                // the primary image. An APNG whose first frame is broken shows its default image, as the format
                // asks of viewers.
                let load = try LoadPlan.make(info: plan.info, scale: 1, sequential: false,
                                             failOnTruncated: configuration.failOnTruncated, allowShrink: false)
                guard let image = try? SourceDecoder.decode(bytes, plan: load, info: plan.info) else { throw error }
                return image
            }
        case .video(let second):
            return try VideoFrameDecoder.frame(bytes, second: second, limits: configuration.limits)
        }
    }
}
