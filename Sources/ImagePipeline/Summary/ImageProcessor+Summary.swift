import ImageOptions
import MediaFormats
import VipsKit

extension ImageProcessor {
    /// The longest side of the decode a placeholder is computed from.
    static let placeholderSide = 32

    /// The header, the file's size and type, and a BlurHash and dominant colour from a small decode of the
    /// (first) frame, through the same limits and shrink-on-load as any job. A source whose pixels cannot be
    /// decoded still gets its header's facts (no placeholder).
    public func summary(_ bytes: [UInt8], format: ImageFormat? = nil) throws -> SourceSummary {
        let info = try probe(bytes, format: format)
        let pixels = try? placeholderPixels(bytes, info: info)
        return SourceSummary(
            info: info, bytes: bytes.count, mimeType: info.format.mimeType, hdr: info.hdrTransfer != nil,
            blurHash: pixels.map { BlurHash.encode(rgb: $0.rgb, width: $0.width, height: $0.height) },
            dominantColor: pixels.flatMap { DominantColour.hex(rgb: $0.rgb) })
    }

    /// The first frame fitted in `placeholderSide` pixels, on white, as packed RGB.
    func placeholderPixels(_ bytes: [UInt8], info: ImageInfo) throws -> (rgb: [UInt8], width: Int, height: Int) {
        var options = ProcessingOptions()
        (options.width, options.height) = (Self.placeholderSide, Self.placeholderSide)
        options.disableAnimation = true
        options.format = .png
        options.background = .white
        let plan = try ProcessingPlan(info: info, options: options, configuration: configuration)
        let loaded = try PipelineError.mappingVipsErrors("load") { try load(bytes, plan: plan) }
        guard loaded.width * loaded.height <= configuration.limits.maxSourcePixels else {
            throw PipelineError.sourceTooLarge("decoded size disagrees with the header")
        }
        var (image, _) = try StepRunner(plan: plan, configuration: configuration)
            .run(loaded, decodeScale: plan.load?.decodeScale ?? 1)
        if image.bands > 3 { image = try image.extractingBands(0, count: 3) }
        return (try image.pixelBytes(), image.width, image.height)
    }
}
