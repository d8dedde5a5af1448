import MediaFormats

/// PNG and APNG: IHDR, then chunk headers (never chunk payloads other than small ancillary ones). An APNG's
/// frame count and loop count come from `acTL` (only before the image data, as the format says), its delays from
/// the `fcTL` chunks when every frame's is among the bytes given.
enum PNGProbe {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        var reader = ByteReader(bytes, offset: 8)
        guard try reader.u32() == 13, try reader.fourCC() == "IHDR" else {
            throw ProbeError.malformed("PNG does not start with IHDR")
        }
        let width = Int(try reader.u32())
        let height = Int(try reader.u32())
        let bitDepth = Int(try reader.u8())
        let colorType = try reader.u8()
        try reader.skip(3 + 4)
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw ProbeError.malformed("PNG dimensions out of range")
        }
        guard [1, 2, 4, 8, 16].contains(bitDepth), [0, 2, 3, 4, 6].contains(colorType) else {
            throw ProbeError.malformed("PNG bit depth or colour type")
        }
        var info = ImageInfo(format: .png, width: width, height: height)
        info.bitDepth = bitDepth
        info.colorSpace = colorType == 0 || colorType == 4 ? .gray : .srgb
        info.hasAlpha = colorType == 4 || colorType == 6
        var seenImageData = false
        var delays: [Int] = []
        func finish() -> ImageInfo {
            if info.animated, delays.count == info.frames { info.frameDelays = delays }
            return info
        }
        while reader.has(8) {
            let length = Int(try reader.u32())
            let type = try reader.fourCC()
            let dataStart = reader.offset
            switch type {
            case "acTL" where !seenImageData && length == 8:
                let frames = Int(try reader.u32())
                let plays = Int(try reader.u32())
                info.frames = max(frames, 1)
                info.animated = frames > 1
                info.loopCount = plays
            case "fcTL" where info.animated && length == 26 && reader.has(26) && delays.count < info.frames:
                try reader.skip(20)
                let numerator = Int(try reader.u16())
                let denominator = Int(try reader.u16())
                delays.append((numerator * 1000 + (denominator == 0 ? 100 : denominator) / 2) / (denominator == 0 ? 100 : denominator))
            case "IDAT":
                seenImageData = true
            case "tRNS":
                info.hasAlpha = true
            case "iCCP":
                info.hasICCProfile = true
            case "eXIf" where reader.has(length):
                let tiff = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + length)])
                info.orientation = EXIFReader(tiff: tiff).orientation ?? info.orientation
            case "IEND":
                return finish()
            default:
                break
            }
            let next = dataStart + length + 4
            guard next <= bytes.count else { break }
            try reader.seek(to: next)
        }
        return finish()
    }
}
