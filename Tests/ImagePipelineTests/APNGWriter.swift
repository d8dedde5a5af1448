@testable import ImagePipeline
import VipsKit

/// Test helper: writes APNG files chunk by chunk, with whatever control values a test wants (including wrong
/// ones). Each frame's image data comes from libvips' PNG encoder, so only the APNG chunks are made here.
struct APNGWriter {
    /// One frame: RGBA pixels and its fcTL values.
    struct Frame {
        var pixels: [UInt8]
        var width: Int
        var height: Int
        var x = 0
        var y = 0
        var delayNumerator = 10
        var delayDenominator = 100
        /// 0 none, 1 background, 2 previous.
        var dispose: UInt8 = 0
        /// 0 source, 1 over.
        var blend: UInt8 = 0
        /// The width fcTL declares, when it should not be the pixels' own.
        var declaredWidth: Int?
    }

    var width: Int
    var height: Int
    var frames: [Frame]
    var plays = 0
    /// What acTL declares; nil for the true count.
    var declaredFrames: UInt32?
    /// The first frame is also the default image (IDAT) rather than a separate one shown by no APNG viewer.
    var defaultImageIsFrame = true
    /// Sequence numbers as written, by position (fcTL and fdAT in order); nil: 0, 1, 2, ...
    var sequenceNumbers: [UInt32]?

    func bytes() throws -> [UInt8] {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += Self.chunk("IHDR", Self.u32(width) + Self.u32(height) + [8, 6, 0, 0, 0])
        file += Self.chunk("acTL", Self.u32(Int(declaredFrames ?? UInt32(frames.count))) + Self.u32(plays))
        var sequence = 0
        func next() -> [UInt8] {
            defer { sequence += 1 }
            return Self.u32(Int(sequenceNumbers?[sequence] ?? UInt32(sequence)))
        }
        if !defaultImageIsFrame {
            let still = Frame(pixels: [UInt8](repeating: 90, count: width * height * 4), width: width, height: height)
            file += Self.chunk("IDAT", try Self.imageData(still))
        }
        for (index, frame) in frames.enumerated() {
            var control = next() + Self.u32(frame.declaredWidth ?? frame.width) + Self.u32(frame.height) + Self.u32(frame.x) + Self.u32(frame.y)
            control += [UInt8(frame.delayNumerator >> 8), UInt8(frame.delayNumerator & 255),
                        UInt8(frame.delayDenominator >> 8), UInt8(frame.delayDenominator & 255), frame.dispose, frame.blend]
            file += Self.chunk("fcTL", control)
            let data = try Self.imageData(frame)
            file += index == 0 && defaultImageIsFrame ? Self.chunk("IDAT", data) : Self.chunk("fdAT", next() + data)
        }
        return file + Self.chunk("IEND", [])
    }

    /// The zlib stream of a frame's pixels: the IDAT payloads of libvips' PNG of them.
    static func imageData(_ frame: Frame) throws -> [UInt8] {
        let image = try VImage.fromPixels(frame.pixels, width: frame.width, height: frame.height, bands: 4)
        let png = try image.encoded(.png(compression: 6, palette: false, quality: 100), strip: true)
        return PNGChunk.chunks(of: png).filter { $0.type == "IDAT" }.flatMap(\.payload)
    }

    static func u32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 255) } }

    static func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + payload
        return u32(payload.count) + body + u32(Int(crc32(body)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A `width` x `height` block of one RGBA colour.
    static func solid(_ colour: [UInt8], width: Int, height: Int) -> [UInt8] {
        Array((0..<(width * height)).map { _ in colour }.joined())
    }
}
