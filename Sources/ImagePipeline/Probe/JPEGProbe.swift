import MediaFormats

/// JPEG: walks marker segments up to the first scan.
enum JPEGProbe {
    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        var reader = ByteReader(bytes, offset: 2)
        var orientation = 1
        var hasICC = false
        var frame: (width: Int, height: Int, precision: Int, components: Int)?
        while frame == nil {
            // Like libjpeg, skip stray bytes between segments up to the next marker.
            while try reader.u8() != 0xFF {}
            var marker = try reader.u8()
            while marker == 0xFF { marker = try reader.u8() }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }
            if marker == 0xD9 || marker == 0xDA { throw ProbeError.malformed("JPEG scan before frame header") }
            let length = Int(try reader.u16())
            guard length >= 2 else { throw ProbeError.malformed("JPEG segment length") }
            let segmentStart = reader.offset
            let segmentEnd = segmentStart + length - 2
            switch marker {
            case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF:
                let precision = Int(try reader.u8())
                let height = Int(try reader.u16())
                let width = Int(try reader.u16())
                let components = Int(try reader.u8())
                frame = (width, height, precision, components)
            case 0xE1 where length - 2 >= 6 && reader.matches(Array("Exif\0\0".utf8)) && reader.has(length - 2):
                let tiff = UnsafeRawBufferPointer(rebasing: bytes[(segmentStart + 6)..<segmentEnd])
                orientation = EXIFReader(tiff: tiff).orientation ?? orientation
            case 0xE2 where reader.matches(Array("ICC_PROFILE\0".utf8)):
                hasICC = true
            default:
                break
            }
            try reader.seek(to: segmentEnd)
        }
        guard let frame, frame.width > 0, frame.height > 0 else {
            throw ProbeError.malformed("JPEG dimensions are zero")
        }
        var info = ImageInfo(format: .jpeg, width: frame.width, height: frame.height)
        info.orientation = orientation
        info.bitDepth = frame.precision
        info.hasICCProfile = hasICC
        info.colorSpace = switch frame.components {
        case 1: .gray
        case 3: .srgb
        case 4: .cmyk
        default: .unknown
        }
        return info
    }
}
