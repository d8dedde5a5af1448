import ImageOptions

/// Reads an image's header: format by magic bytes (never by name or Content-Type), size, frames, alpha,
/// orientation, depth and colour space, without decoding a pixel.
public enum ImageProber {
    /// Probes the first bytes of a file (the whole file works too).
    public static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        var info = try probeFormat(bytes)
        if let delays = info.frameDelays { info.duration = delays.reduce(0, +) }
        return info
    }

    private static func probeFormat(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        switch ImageFormat.sniff(bytes) {
        case .jpeg: return try JPEGProbe.probe(bytes)
        case .png: return try PNGProbe.probe(bytes)
        case .gif: return try GIFProbe.probe(bytes)
        case .webp: return try WebPProbe.probe(bytes)
        case .tiff: return try TIFFProbe.probe(bytes)
        case .avif, .heic, .mp4: return try ISOBMFFProbe.probe(bytes)
        case .webm: return ImageInfo(format: .webm, width: 0, height: 0)
        case .svg, nil:
            guard SVGProbe.matches(bytes) else { throw ProbeError.unknownFormat }
            return try SVGProbe.probe(bytes)
        }
    }

    /// Probes a byte array.
    public static func probe(_ bytes: [UInt8]) throws -> ImageInfo {
        try bytes.withUnsafeBytes { try probe($0) }
    }
}
