import MediaFormats

/// Builds the smallest EXIF block that carries only copyright and artist, for `keep_copyright`.
enum MinimalEXIF {
    /// From libvips' "exif-data" (with or without the "Exif\0\0" prefix); nil when neither tag is present.
    static func copyrightOnly(fromEXIF bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        let hasPrefix = ByteReader(bytes).matches(Array("Exif\0\0".utf8))
        let tiff = hasPrefix ? UnsafeRawBufferPointer(rebasing: bytes[6...]) : bytes
        let reader = EXIFReader(tiff: tiff)
        return make(copyright: reader.copyright, artist: reader.artist)
    }

    /// An "Exif\0\0"-prefixed block with IFD0 holding the given strings; nil when both are nil.
    static func make(copyright: String?, artist: String?) -> [UInt8]? {
        let prefix = Array("Exif\0\0".utf8)
        let entries = [(UInt16(0x013B), artist), (UInt16(0x8298), copyright)]
            .compactMap { tag, text in text.map { (tag, Array($0.utf8) + [0]) } }
        guard !entries.isEmpty else { return nil }
        var out = prefix + [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]
        func append16(_ value: Int) { out += [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func append32(_ value: Int) { out += [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        let directorySize = 2 + entries.count * 12 + 4
        var dataOffset = 8 + directorySize
        var data: [UInt8] = []
        append16(entries.count)
        for (tag, value) in entries {
            append16(Int(tag))
            append16(2)
            append32(value.count)
            if value.count <= 4 {
                out += value + [UInt8](repeating: 0, count: 4 - value.count)
            } else {
                append32(dataOffset)
                data += value
                dataOffset += value.count
            }
        }
        append32(0)
        return out + data
    }
}
