import ImageOptions
import VipsKit

/// The image pipeline: probe -> plan -> load (shrink-on-load) -> ordered steps -> encode.
///
/// Synchronous: one call runs on the calling thread from start to end and shares no state with other calls,
/// so a server runs one call per worker thread.
public struct ImageProcessor: Sendable {
    public let configuration: PipelineConfiguration

    /// Starts libvips and checks the configuration.
    public init(configuration: PipelineConfiguration = PipelineConfiguration()) throws {
        try configuration.validate()
        try VipsRuntime.start()
        self.configuration = configuration
    }

    /// Reads the header of `bytes`.
    /// Videos are read by FFmpeg's demuxer (codec, duration, rotation); AVIF sequences' frame timings by libavif.
    public func probe(_ bytes: [UInt8]) throws -> ImageInfo {
        let info: ImageInfo
        do {
            info = try ImageProber.probe(bytes)
        } catch let error as ProbeError {
            throw error == .unknownFormat ? PipelineError.unsupportedFormat(error.detail) : PipelineError.invalidImage(error.detail)
        }
        switch info.format {
        case .mp4, .webm:
            return try VideoFrameDecoder.probe(bytes, format: info.format)
        case .avif where info.animated:
            // A sequence libavif cannot parse keeps the header's facts; its primary image may still be readable.
            return (try? AVIFFrameDecoder.withTimings(info, bytes: bytes, maxPixels: configuration.limits.maxSourcePixels))
                ?? info
        default:
            return info
        }
    }

    /// Plans the job from the header alone: refuses what is over a limit before any decode.
    public func plan(_ bytes: [UInt8], options: ProcessingOptions) throws -> ProcessingPlan {
        try ProcessingPlan(info: try probe(bytes), options: options, configuration: configuration)
    }

    /// Runs the whole pipeline; `deadline` is checked between steps (and between frames). An animation renders
    /// each batch of frames on as many threads as `parallelism` answers then (1: the calling thread only).
    public func process(_ bytes: [UInt8], options: ProcessingOptions, deadline: ContinuousClock.Instant? = nil,
                        parallelism: @Sendable () -> Int = { 1 }) throws -> ProcessedImage {
        let start = ContinuousClock.now
        let plan = try plan(bytes, options: options)
        try Self.check(deadline)
        if plan.mode == .animation {
            do {
                return try AnimationProcessor(plan: plan, configuration: configuration)
                    .process(bytes, deadline: deadline, parallelism: parallelism)
            } catch let error as PipelineError where plan.info.format == .avif && error.kind == .invalidImage
                        && !options.disableAnimation {
                guard let image = try? firstFrameAsStill(bytes, options: options, deadline: deadline) else { throw error }
                return image
            } catch let exceeded as AnimationProcessor.BudgetExceeded {
                guard configuration.animation.fallbackToStill else {
                    switch exceeded {
                    case .bytes(let count): throw PipelineError.resultTooLarge("animation came to \(count) bytes")
                    case .time: throw PipelineError.deadlineExceeded
                    }
                }
                return try firstFrameAsStill(bytes, options: options, deadline: deadline)
            }
        }
        let loaded = try Self.vips("load") { try load(bytes, plan: plan) }
        guard loaded.width * loaded.height <= configuration.limits.maxSourcePixels else {
            throw PipelineError.sourceTooLarge("decoded size disagrees with the header")
        }
        var context = StepContext(plan: plan, configuration: configuration,
                                  decodeScale: plan.load.decodeScale,
                                  geometry: plan.geometry)
        var image = loaded
        for step in PipelineStep.standardOrder {
            try Self.check(deadline)
            image = try Self.vips(step.name) { try step.run(image, &context) }
        }
        try Self.check(deadline)
        let encodeStart = ContinuousClock.now
        let encoder = ImageEncoder(configuration: configuration.encoder)
        let bytes = try Self.vips("encode") { try encoder.encode(image, format: plan.outputFormat, options: options,
                                                             strip: !context.writesMetadata) }
        let timings = PipelineTimings(process: start.duration(to: encodeStart), encode: encodeStart.duration(to: .now))
        return ProcessedImage(bytes: bytes, format: plan.outputFormat, width: image.width, height: image.height,
                              timings: timings)
    }

    /// The job again with the animation's first frame as a still image.
    private func firstFrameAsStill(_ bytes: [UInt8], options: ProcessingOptions,
                                   deadline: ContinuousClock.Instant?) throws -> ProcessedImage {
        var still = options
        still.disableAnimation = true
        return try process(bytes, options: still, deadline: deadline)
    }

    /// Decodes the pixels a still job starts from.
    private func load(_ bytes: [UInt8], plan: ProcessingPlan) throws -> VImage {
        switch plan.mode {
        case .still, .animation:
            return try SourceDecoder.decode(bytes, plan: plan.load, info: plan.info)
        case .frame(let index):
            do {
                return try FrameExtractor.frame(index, of: bytes, info: plan.info, limits: configuration.limits)
            } catch let error as PipelineError where plan.info.format == .avif && index == 0 {
                // libavif 0.11 cannot parse some sequences (an audio track in the moov); libheif may still read
                // the primary image.
                let load = try LoadPlan.make(info: plan.info, scale: 1, sequential: false,
                                             failOnTruncated: configuration.failOnTruncated, allowShrink: false)
                guard let image = try? SourceDecoder.decode(bytes, plan: load, info: plan.info) else { throw error }
                return image
            }
        case .video(let second):
            return try VideoFrameDecoder.frame(bytes, second: second, maxPixels: configuration.limits.maxSourcePixels)
        }
    }

    private static func check(_ deadline: ContinuousClock.Instant?) throws {
        if let deadline, ContinuousClock.now >= deadline { throw PipelineError.deadlineExceeded }
    }

    /// Runs libvips work, turning its errors into `invalidImage` (the source could not be decoded or processed).
    static func vips<T>(_ stage: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VipsError {
            throw PipelineError.invalidImage("\(stage): \(error.message)")
        }
    }
}
