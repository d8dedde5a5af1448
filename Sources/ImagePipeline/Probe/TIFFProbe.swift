import MediaFormats

/// TIFF and BigTIFF: the first IFD's tags, and the IFD chain for the page count.
enum TIFFProbe {
    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        let bigEndian = bytes[0] == 0x4D
        var reader = ByteReader(bytes, offset: 2)
        let magic = try reader.u16(bigEndian: bigEndian)
        let isBig = magic == 43
        if isBig { try reader.skip(4) }
        var ifdOffset = isBig ? Int(clamping: try reader.u64(bigEndian: bigEndian)) : Int(try reader.u32(bigEndian: bigEndian))
        var tags: [UInt16: Int] = [:]
        var hasICC = false
        var pages = 0
        var visited = Set<Int>()
        while ifdOffset != 0, pages < 10_000, visited.insert(ifdOffset).inserted {
            guard ifdOffset < bytes.count else {
                if pages == 0 { throw ProbeError.malformed("TIFF directory offset beyond the file") }
                break
            }
            try reader.seek(to: ifdOffset)
            let count = isBig ? Int(clamping: try reader.u64(bigEndian: bigEndian)) : Int(try reader.u16(bigEndian: bigEndian))
            let entrySize = isBig ? 20 : 12
            if pages == 0 {
                for index in 0..<min(count, 4096) {
                    var entry = ByteReader(bytes, offset: reader.offset + index * entrySize)
                    let tag = try entry.u16(bigEndian: bigEndian)
                    let type = try entry.u16(bigEndian: bigEndian)
                    try entry.skip(isBig ? 8 : 4)
                    if tag == 34675 { hasICC = true }
                    tags[tag] = type == 3 ? Int(try entry.u16(bigEndian: bigEndian))
                        : isBig && type == 16 ? Int(clamping: try entry.u64(bigEndian: bigEndian))
                        : Int(try entry.u32(bigEndian: bigEndian))
                }
            }
            pages += 1
            guard count < 1_000_000 else { throw ProbeError.malformed("TIFF directory too large") }
            try reader.skip(count * entrySize)
            guard let next = isBig ? try? Int(clamping: reader.u64(bigEndian: bigEndian))
                                   : try? Int(reader.u32(bigEndian: bigEndian)) else { break }
            ifdOffset = next
        }
        guard let width = tags[256], let height = tags[257], width > 0, height > 0 else {
            throw ProbeError.malformed("TIFF has no image size")
        }
        let samples = tags[277] ?? 1
        guard (1...16).contains(samples) else { throw ProbeError.malformed("TIFF samples per pixel out of range") }
        var info = ImageInfo(format: .tiff, width: width, height: height)
        info.frames = pages
        info.bitDepth = tags[258] ?? 1
        info.orientation = (1...8).contains(tags[274] ?? 1) ? tags[274] ?? 1 : 1
        info.hasICCProfile = hasICC
        let photometric = tags[262] ?? 2
        info.colorSpace = switch photometric {
        case 0, 1: .gray
        case 2, 3: .srgb
        case 5: .cmyk
        case 6: .ycbcr
        case 8, 9, 10: .lab
        default: .unknown
        }
        let colourSamples = switch photometric {
        case 0, 1, 3: 1
        case 5: 4
        default: 3
        }
        info.hasAlpha = samples > colourSamples
        return info
    }
}
