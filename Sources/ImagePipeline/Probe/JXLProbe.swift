import MediaFormats

/// JPEG XL: the codestream's size header and image metadata (animation, bit depth, alpha), read bit by bit,
/// from a bare codestream or from the `jxlc`/`jxlp` box of the container.
enum JXLProbe {
    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        let codestream = try codestreamStart(bytes)
        var reader = LSBBitReader(Array(bytes[(codestream + 2)..<min(bytes.count, codestream + 2 + 256)]))
        let (width, height) = try size(&reader, small: 5, large: [9, 13, 18, 30])
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw ProbeError.malformed("JPEG XL dimensions out of range")
        }
        var info = ImageInfo(format: .jxl, width: width, height: height)
        // The rest says only what the pipeline can do without: a header cut short after the size keeps defaults.
        try? metadata(&reader, into: &info)
        return info
    }

    /// Where the codestream (its 0xFF0A signature) starts.
    private static func codestreamStart(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0x0A { return 0 }
        var reader = ByteReader(bytes)
        while reader.has(8) {
            let start = reader.offset
            var size = Int(try reader.u32())
            let type = try reader.fourCC()
            var header = 8
            if size == 1 {
                let large = try reader.u64()
                guard large <= UInt64(Int.max) else { throw ProbeError.malformed("JPEG XL box size") }
                size = Int(large)
                header = 16
            }
            switch type {
            case "jxlc": return start + header
            case "jxlp": return start + header + 4
            default:
                guard size >= header, start <= bytes.count - size else { throw ProbeError.truncated }
                try reader.seek(to: start + size)
            }
        }
        throw ProbeError.truncated
    }

    /// A size header (the image's, or its intrinsic size): heights and widths in multiples of 8 when small, else
    /// from U32 distributions; a ratio code derives the width from the height.
    private static func size(_ reader: inout LSBBitReader, small: Int, large: [Int]) throws -> (Int, Int) {
        let isSmall = try reader.flag()
        let choices = large.map { (bits: $0, offset: UInt64(1)) }
        let height = isSmall ? (try reader.bits(small) + 1) * 8 : try reader.u32(choices)
        let ratio = try reader.bits(3)
        let width: UInt64
        if ratio == 0 {
            width = isSmall ? (try reader.bits(small) + 1) * 8 : try reader.u32(choices)
        } else {
            let (numerator, denominator): (UInt64, UInt64) = [(1, 1), (12, 10), (4, 3), (3, 2), (16, 9), (5, 4), (2, 1)][Int(ratio) - 1]
            width = height * numerator / denominator
        }
        return (Int(width), Int(height))
    }

    /// ImageMetadata up to the first extra channel's type: orientation, animation, bit depth, alpha.
    private static func metadata(_ reader: inout LSBBitReader, into info: inout ImageInfo) throws {
        if try reader.flag() { return } // all default: 8-bit, no alpha, no animation, as stored
        if try reader.flag() { // extra fields
            // The orientation is libjxl's to apply while decoding (libvips 8.14 leaves it on), not the pipeline's.
            _ = try reader.bits(3)
            if try reader.flag() { _ = try size(&reader, small: 5, large: [9, 13, 18, 30]) } // intrinsic size
            if try reader.flag() { try skipPreview(&reader) }
            if try reader.flag() {
                info.animated = true
                _ = try reader.u32([(0, 100), (0, 1000), (10, 1), (30, 1)])
                _ = try reader.u32([(0, 1), (0, 1001), (8, 1), (10, 1)])
                info.loopCount = Int(try reader.u32([(0, 0), (3, 0), (16, 0), (32, 0)]))
            }
        }
        let float = try reader.flag()
        let depth = float ? try reader.u32([(0, 32), (0, 16), (0, 24), (6, 1)])
                          : try reader.u32([(0, 8), (0, 10), (0, 12), (6, 1)])
        if float { _ = try reader.bits(4) }
        info.bitDepth = Int(depth)
        _ = try reader.flag() // 16-bit buffers suffice
        let extraChannels = try reader.u32([(0, 0), (0, 1), (4, 2), (12, 1)])
        if extraChannels > 0 {
            // The first extra channel: all-default means alpha; otherwise its type, 0 being alpha.
            info.hasAlpha = try reader.flag() ? true : try reader.u32([(0, 0), (0, 1), (4, 2), (6, 18)]) == 0
        }
    }

    private static func skipPreview(_ reader: inout LSBBitReader) throws {
        let div8 = try reader.flag()
        let eights: [(bits: Int, offset: UInt64)] = [(0, 16), (0, 32), (5, 1), (9, 33)]
        let pixels: [(bits: Int, offset: UInt64)] = [(6, 1), (8, 65), (10, 321), (12, 1345)]
        _ = try reader.u32(div8 ? eights : pixels)
        if try reader.bits(3) == 0 { _ = try reader.u32(div8 ? eights : pixels) }
    }
}
