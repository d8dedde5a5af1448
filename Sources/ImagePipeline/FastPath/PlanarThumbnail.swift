import CCodecSupport
import CPlanarJPEG
import Glibc
import ImageOptions
import MediaFormats

/// The JPEG thumbnail in the YUV domain: JPEG in, JPEG or WebP out, resized and nothing else. The source is
/// decoded with DCT scaling straight into its Y, Cb and Cr planes, each plane is resampled, and the planes are
/// encoded as they are, with no conversion to RGB and back and no libvips operation.
enum PlanarThumbnail {
    /// Whether `plan` asks for nothing this path cannot do: a still YCbCr JPEG without an ICC profile or a turn,
    /// a downscale to JPEG or WebP with no crop, fill, extension, padding, filter, kept metadata or byte budget.
    static func takes(_ plan: ProcessingPlan, configuration: PipelineConfiguration) -> Bool {
        let info = plan.info, options = plan.options, geometry = plan.geometry
        guard configuration.planarJPEG, plan.mode == .still, info.format == .jpeg, !info.hasICCProfile,
              info.colorSpace == .ycbcr || info.colorSpace == .srgb, plan.orientation.isIdentity,
              plan.outputFormat == .jpeg || plan.outputFormat == .webp else { return false }
        guard options.trim == nil, geometry.crop == nil, !plan.appliesEffects,
              options.padding == nil, options.stripMetadata, !options.keepCopyright, options.maxBytes == 0 else {
            return false
        }
        let width = geometry.resizedWidth, height = geometry.resizedHeight
        return geometry.fillWidth == width && geometry.fillHeight == height && geometry.canvasWidth == width
            && geometry.canvasHeight == height && geometry.resultWidth == width && geometry.resultHeight == height
            && width < info.width && height < info.height
    }

    /// The encoded thumbnail, or nil when the JPEG turns out to be one the general path must take (its
    /// sampling, for example).
    static func render(_ bytes: [UInt8], plan: ProcessingPlan, configuration: PipelineConfiguration) throws -> ProcessedImage? {
        let start = ContinuousClock.now
        let format = plan.outputFormat
        let quality = plan.options.quality(for: format) ?? configuration.encoder.defaultQuality(for: format)
        let rasterScale = min(plan.geometry.maxScale * configuration.planarShrinkMargin, 1)
        var request = mp_planar_request(
            width: Int32(plan.geometry.resizedWidth), height: Int32(plan.geometry.resizedHeight),
            shrink: Int32(LoadPlan.powerOfTwoShrink(for: rasterScale, maximum: 8)),
            output: format == .webp ? MP_PLANAR_WEBP : MP_PLANAR_JPEG, quality: Int32(quality),
            progressive: configuration.encoder.jpegProgressive ? 1 : 0, effort: Int32(configuration.encoder.webpEffort),
            fail_on_truncated: configuration.failOnTruncated ? 1 : 0,
            max_source_pixels: Int64(configuration.limits.maxSourcePixels),
            own_dc_decoder: configuration.planarDCDecoder ? 1 : 0)
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = CodecCall.messageBuffer()
        let status = bytes.withUnsafeBufferPointer {
            mp_planar_jpeg_thumbnail($0.baseAddress!, $0.count, &request, &output, &length, &message)
        }
        defer { free(output) }
        if status == 1 { return nil }
        guard status == 0, let output else { throw PipelineError.invalidImage(CodecCall.text(message)) }
        let encoded = Array(UnsafeBufferPointer(start: output, count: length))
        let elapsed = start.duration(to: .now)
        return ProcessedImage(bytes: encoded, format: format, width: plan.geometry.resizedWidth,
                              height: plan.geometry.resizedHeight,
                              timings: PipelineTimings(process: elapsed, encode: .zero))
    }
}
