/// Reads an image's header: format by magic bytes (never by name or Content-Type), size, frames, alpha,
/// orientation, depth and colour space, without decoding a pixel.
public enum ImageProber {
    /// Probes the first bytes of a file (the whole file works too).
    public static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        let reader = ByteReader(bytes)
        if reader.matches([0xFF, 0xD8, 0xFF]) { return try JPEGProbe.probe(bytes) }
        if reader.matches(PNGProbe.signature) { return try PNGProbe.probe(bytes) }
        if reader.matches(Array("GIF87a".utf8)) || reader.matches(Array("GIF89a".utf8)) { return try GIFProbe.probe(bytes) }
        if reader.matches(Array("RIFF".utf8)), reader.matches(Array("WEBP".utf8), at: 8) { return try WebPProbe.probe(bytes) }
        if reader.matches([0x49, 0x49, 0x2A, 0x00]) || reader.matches([0x4D, 0x4D, 0x00, 0x2A])
            || reader.matches([0x49, 0x49, 0x2B, 0x00]) || reader.matches([0x4D, 0x4D, 0x00, 0x2B]) {
            return try TIFFProbe.probe(bytes)
        }
        if ISOBMFFProbe.matches(bytes) { return try ISOBMFFProbe.probe(bytes) }
        if reader.matches([0x1A, 0x45, 0xDF, 0xA3]) { return ImageInfo(format: .webm, width: 0, height: 0) }
        if SVGProbe.matches(bytes) { return try SVGProbe.probe(bytes) }
        throw ProbeError.unknownFormat
    }

    /// Probes a byte array.
    public static func probe(_ bytes: [UInt8]) throws -> ImageInfo {
        try bytes.withUnsafeBytes { try probe($0) }
    }
}
