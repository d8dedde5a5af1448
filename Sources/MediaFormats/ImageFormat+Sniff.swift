extension ImageFormat {
    /// The format the first bytes announce (magic bytes only; SVG loosely, by a leading `<` and an `<svg` tag
    /// in the first 4 KB), or nil. Never trusts names or Content-Type.
    public static func sniff(_ prefix: some Collection<UInt8>) -> ImageFormat? {
        let bytes = Array(prefix.prefix(4096))
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + signature.count && bytes[offset..<(offset + signature.count)].elementsEqual(signature)
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) || starts([0x49, 0x49, 0x2B, 0x00])
            || starts([0x4D, 0x4D, 0x00, 0x2B]) {
            return .tiff
        }
        if starts(Array("ftyp".utf8), at: 4) { return isobmffFormat(bytes) }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        if starts([0xFF, 0x0A]) || starts([0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A]) { return .jxl }
        let text = bytes.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if text.first == UInt8(ascii: "<"), String(decoding: bytes, as: UTF8.self).contains("<svg") { return .svg }
        return nil
    }

    /// AVIF, HEIC or MP4 from an `ftyp` box's brands.
    private static func isobmffFormat(_ bytes: [UInt8]) -> ImageFormat {
        let size = bytes.count >= 4 ? Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3]) : 0
        let end = min(max(size, 16), bytes.count)
        var brands: Set<String> = []
        var offset = 8
        while offset + 4 <= end {
            brands.insert(String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self))
            offset += offset == 8 ? 8 : 4
        }
        if !brands.isDisjoint(with: ["avif", "avis"]) { return .avif }
        if !brands.isDisjoint(with: ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "mif2"]) { return .heic }
        return .mp4
    }
}
