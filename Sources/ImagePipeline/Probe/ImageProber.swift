import MediaFormats

/// Reads an image's header: format by magic bytes (never by name or Content-Type), size, frames, alpha,
/// orientation, depth and colour space, without decoding a pixel.
public enum ImageProber {
    /// Probes the first bytes of a file (the whole file works too); `format`, when the caller sniffed it already,
    /// is used instead of sniffing again.
    public static func probe(_ bytes: UnsafeRawBufferPointer, format: ImageFormat? = nil) throws -> ImageInfo {
        var info = try probeFormat(bytes, format: format ?? ImageFormat.sniff(bytes))
        if let delays = info.frameDelays { info.duration = delays.reduce(0, +) }
        return info
    }

    private static func probeFormat(_ bytes: UnsafeRawBufferPointer, format: ImageFormat?) throws -> ImageInfo {
        switch format {
        case .jpeg: return try JPEGProbe.probe(bytes)
        case .png: return try PNGProbe.probe(bytes)
        case .gif: return try GIFProbe.probe(bytes)
        case .webp: return try WebPProbe.probe(bytes)
        case .tiff: return try TIFFProbe.probe(bytes)
        case .avif, .heic, .mp4: return try ISOBMFFProbe.probe(bytes)
        case .webm: return ImageInfo(format: .webm, width: 0, height: 0)
        case .jxl: return try JXLProbe.probe(bytes)
        case .apng: return try PNGProbe.probe(bytes)
        case .svg:
            guard SVGProbe.matches(bytes) else { throw ProbeError.unknownFormat }
            return try SVGProbe.probe(bytes)
        case nil:
            // Bytes that sniff as no format are none, even when an <svg> tag comes after the sniffed prefix: the
            // server sniffs only that prefix, and every caller must agree with it.
            throw ProbeError.unknownFormat
        }
    }

    /// Probes a byte array.
    public static func probe(_ bytes: [UInt8], format: ImageFormat? = nil) throws -> ImageInfo {
        try bytes.withUnsafeBytes { try probe($0, format: format) }
    }
}
