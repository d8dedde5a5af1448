import ImageOptions
import MediaFormats

extension AnimationProcessor {
    /// A GIF in another animated format. A plain resize to WebP goes through the GIF resizer first, so the WebP
    /// frames keep the source palettes (which lossless WebP holds compactly). When the format was negotiated
    /// rather than asked for, the answer never costs more bytes than the GIF answer would: the resized GIF (or
    /// the source itself at its own size) is answered when it is smaller.
    func fromGIF(_ bytes: [UInt8], deadline: ContinuousClock.Instant?,
                 parallelism: @Sendable () -> Int) throws -> ProcessedImage {
        let gifPlan = try replanned(info: plan.info, options: plan.options, format: .gif)
        if plan.outputFormat == .webp, !gifPlan.leavesPixelsUnchanged, GIFResize.takes(gifPlan, configuration: configuration),
           let gif = try GIFResize.render(bytes, plan: gifPlan, configuration: configuration, deadline: deadline) {
            var unresized = plan.options
            (unresized.width, unresized.height, unresized.dpr) = (0, 0, 1)
            let info = try gif.bytes.withUnsafeBytes { try ImageProber.probe($0, format: .gif) }
            let framesPlan = try replanned(info: info, options: unresized, format: plan.outputFormat)
            let converted = try AnimationProcessor(plan: framesPlan, configuration: configuration)
                .render(gif.bytes, deadline: deadline, parallelism: parallelism, keepsPalettes: false)
            return converted.bytes.count <= gif.bytes.count || !plan.options.formatIsNegotiated ? converted : gif
        }
        let converted = try render(bytes, deadline: deadline, parallelism: parallelism, keepsPalettes: false)
        guard plan.options.formatIsNegotiated, converted.bytes.count > bytes.count else { return converted }
        let gif = try AnimationProcessor(plan: gifPlan, configuration: configuration)
            .process(bytes, deadline: deadline, parallelism: parallelism)
        return gif.bytes.count < converted.bytes.count ? gif : converted
    }

    private func replanned(info: ImageInfo, options: ProcessingOptions, format: ImageFormat) throws -> ProcessingPlan {
        var options = options
        options.format = format
        options.formatIsNegotiated = false
        return try ProcessingPlan(info: info, options: options, configuration: configuration)
    }
}
