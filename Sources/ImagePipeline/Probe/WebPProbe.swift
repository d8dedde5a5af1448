import MediaFormats

/// WebP: RIFF chunks (VP8, VP8L, VP8X with ANIM/ANMF/EXIF).
enum WebPProbe {
    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        var reader = ByteReader(bytes, offset: 12)
        var info: ImageInfo?
        var frames = 0
        var delays: [Int] = []
        var largestFrame = 0
        while reader.has(8) {
            let type = try reader.fourCC()
            let size = Int(try reader.u32(bigEndian: false))
            let dataStart = reader.offset
            switch type {
            case "VP8 " where info == nil:
                try reader.skip(3)
                guard reader.matches([0x9D, 0x01, 0x2A]) else { throw ProbeError.malformed("VP8 start code") }
                try reader.skip(3)
                let width = Int(try reader.u16(bigEndian: false) & 0x3FFF)
                let height = Int(try reader.u16(bigEndian: false) & 0x3FFF)
                info = ImageInfo(format: .webp, width: width, height: height)
            case "VP8L" where info == nil:
                guard try reader.u8() == 0x2F else { throw ProbeError.malformed("VP8L signature") }
                let bits = try reader.u32(bigEndian: false)
                var lossless = ImageInfo(format: .webp, width: Int(bits & 0x3FFF) + 1, height: Int(bits >> 14 & 0x3FFF) + 1)
                lossless.hasAlpha = bits >> 28 & 1 == 1
                info = lossless
            case "VP8X":
                let flags = try reader.u8()
                try reader.skip(3)
                var extended = ImageInfo(format: .webp, width: Int(try reader.u24(bigEndian: false)) + 1,
                                         height: Int(try reader.u24(bigEndian: false)) + 1)
                extended.hasAlpha = flags & 0x10 != 0
                extended.hasICCProfile = flags & 0x20 != 0
                extended.animated = flags & 0x02 != 0
                info = extended
            case "ANIM":
                try reader.skip(4)
                info?.loopCount = Int(try reader.u16(bigEndian: false))
            case "ANMF":
                try reader.skip(6)
                let frameWidth = Int(try reader.u24(bigEndian: false)) + 1
                let frameHeight = Int(try reader.u24(bigEndian: false)) + 1
                delays.append(Int(try reader.u24(bigEndian: false)))
                largestFrame = max(largestFrame, frameWidth * frameHeight)
                frames += 1
            case "EXIF" where reader.has(size):
                var start = dataStart
                if reader.matches(Array("Exif\0\0".utf8)) { start += 6 }
                let tiff = UnsafeRawBufferPointer(rebasing: bytes[start..<(dataStart + size)])
                if let orientation = EXIFReader(tiff: tiff).orientation { info?.orientation = orientation }
            default:
                break
            }
            let next = dataStart + size + (size & 1)
            guard next <= bytes.count else { break }
            try reader.seek(to: next)
        }
        guard var result = info else { throw ProbeError.malformed("WebP has no image chunk") }
        guard result.width > 0, result.height > 0 else { throw ProbeError.malformed("WebP dimensions are zero") }
        if frames > 0 {
            result.frames = frames
            result.frameDelays = delays
            result.largestFramePixels = largestFrame
        }
        result.animated = result.animated && frames > 1
        return result
    }
}
