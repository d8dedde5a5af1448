import MediaFormats

/// Reads the few EXIF tags the pipeline needs from a TIFF-structured EXIF block (no "Exif\0\0" prefix).
struct EXIFReader {
    /// EXIF orientation 1-8, or nil when absent or invalid.
    private(set) var orientation: Int?
    /// Copyright (0x8298), for `keep_copyright`.
    private(set) var copyright: String?
    /// Artist (0x013B), for `keep_copyright`.
    private(set) var artist: String?

    /// Parses IFD0; malformed blocks yield an empty reader rather than an error (EXIF is advisory).
    init(tiff bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 8 else { return }
        let bigEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return
        }
        var reader = ByteReader(bytes, offset: 4)
        guard let ifdOffset = try? reader.u32(bigEndian: bigEndian), (try? reader.seek(to: Int(ifdOffset))) != nil,
              let count = try? reader.u16(bigEndian: bigEndian) else { return }
        for _ in 0..<min(Int(count), 512) {
            guard let tag = try? reader.u16(bigEndian: bigEndian), let type = try? reader.u16(bigEndian: bigEndian),
                  let valueCount = try? reader.u32(bigEndian: bigEndian) else { return }
            let valueStart = reader.offset
            switch tag {
            case 0x0112 where type == 3:
                if let value = try? reader.u16(bigEndian: bigEndian), (1...8).contains(value) { orientation = Int(value) }
            case 0x8298 where type == 2:
                copyright = Self.ascii(bytes, at: valueStart, count: Int(valueCount), bigEndian: bigEndian)
            case 0x013B where type == 2:
                artist = Self.ascii(bytes, at: valueStart, count: Int(valueCount), bigEndian: bigEndian)
            default:
                break
            }
            reader.offset = valueStart + 4
        }
    }

    /// An ASCII value stored inline (up to 4 bytes) or at an offset.
    private static func ascii(_ bytes: UnsafeRawBufferPointer, at position: Int, count: Int, bigEndian: Bool) -> String? {
        guard count > 0, count < 65536 else { return nil }
        var reader = ByteReader(bytes, offset: position)
        if count > 4 {
            guard let offset = try? reader.u32(bigEndian: bigEndian), (try? reader.seek(to: Int(offset))) != nil else {
                return nil
            }
        }
        guard let raw = try? reader.bytes(count) else { return nil }
        let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        return text.isEmpty ? nil : text
    }
}
