import MediaFormats

/// GIF: walks blocks, skipping LZW data by sub-block lengths, to count frames and find their extents.
enum GIFProbe {
    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        var reader = ByteReader(bytes, offset: 6)
        let width = Int(try reader.u16(bigEndian: false))
        let height = Int(try reader.u16(bigEndian: false))
        let packed = try reader.u8()
        try reader.skip(2)
        guard width > 0, height > 0 else { throw ProbeError.malformed("GIF screen size is zero") }
        if packed & 0x80 != 0 { try reader.skip(3 << (Int(packed & 7) + 1)) }
        var info = ImageInfo(format: .gif, width: width, height: height)
        var frames = 0
        var delays: [Int] = []
        var pendingDelay = 0
        var largestFrame = 0
        blocks: while !reader.isAtEnd {
            switch try reader.u8() {
            case 0x2C:
                let left = Int(try reader.u16(bigEndian: false))
                let top = Int(try reader.u16(bigEndian: false))
                let frameWidth = Int(try reader.u16(bigEndian: false))
                let frameHeight = Int(try reader.u16(bigEndian: false))
                let framePacked = try reader.u8()
                if framePacked & 0x80 != 0 { try reader.skip(3 << (Int(framePacked & 7) + 1)) }
                frames += 1
                delays.append(pendingDelay)
                pendingDelay = 0
                // libvips' GIF loader grows its canvas to hold a frame placed outside the screen, so such a frame
                // costs the grown canvas (a frame at 63,744 from the edge asked it for 6.5 GB).
                let canvas = max(width, left + frameWidth) * max(height, top + frameHeight)
                largestFrame = max(largestFrame, frameWidth * frameHeight, canvas > width * height ? canvas : 0)
                do {
                    try reader.skip(1)
                    try skipSubBlocks(&reader)
                } catch let error as ProbeError where error.isTruncated {
                    break blocks
                }
            case 0x21:
                let label = try reader.u8()
                if label == 0xF9, reader.matches([4]) {
                    try reader.skip(1)
                    let flags = try reader.u8()
                    pendingDelay = Int(try reader.u16(bigEndian: false)) * 10
                    if flags & 1 != 0 { info.hasAlpha = true }
                    try reader.skip(1)
                } else if label == 0xFF, reader.matches([11] + Array("NETSCAPE2.0".utf8)) {
                    try reader.skip(12)
                    if reader.matches([3, 1]) {
                        try reader.skip(2)
                        info.loopCount = Int(try reader.u16(bigEndian: false))
                    }
                }
                try skipSubBlocks(&reader)
            case 0x3B:
                break blocks
            default:
                if frames == 0 { throw ProbeError.malformed("unexpected GIF block") }
                break blocks
            }
        }
        guard frames > 0 else { throw ProbeError.malformed("GIF has no frames") }
        info.frames = frames
        info.animated = frames > 1
        info.frameDelays = delays
        info.largestFramePixels = largestFrame
        return info
    }

    private static func skipSubBlocks(_ reader: inout ByteReader) throws {
        while true {
            let size = Int(try reader.u8())
            if size == 0 { return }
            try reader.skip(size)
        }
    }
}
