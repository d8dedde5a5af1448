import ImageOptions
@testable import ImagePipeline
import MediaFormats
import Testing
import VipsKit

/// JPEG XL out through libjxl and back in: the header probe (bare codestream and container), sizes that exercise
/// each size-header form, alpha, and hostile headers refused before decoding.
struct JXLTests {
    static let processor = try! ImageProcessor()

    /// A PNG of a smooth pattern, with a varying alpha when asked.
    static func png(width: Int, height: Int, alpha: Bool) throws -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8((x * 255) / max(1, width - 1)), UInt8((y * 255) / max(1, height - 1)), 120]
                if alpha { pixels.append(UInt8(55 + (x * 200) / max(1, width - 1))) }
            }
        }
        return try VImage.fromPixels(pixels, width: width, height: height, bands: alpha ? 4 : 3)
            .encoded(.png(compression: 1, palette: false, quality: 100), strip: true)
    }

    @Test(arguments: [(64, 48, false), (37, 1000, true), (1000, 3, false), (8, 8, true), (600, 400, false)])
    func roundTripsWithItsHeaderRead(width: Int, height: Int, alpha: Bool) throws {
        let source = try Self.png(width: width, height: height, alpha: alpha)
        let result = try Self.processor.process(source, options: try ProcessingOptions(parsing: "f:jxl/q:90"))
        #expect(result.format == .jxl && result.bytes.starts(with: [0xFF, 0x0A]))
        let info = try Self.processor.probe(result.bytes)
        #expect(info.format == .jxl && info.width == width && info.height == height && info.hasAlpha == alpha)
        #expect(!info.animated)
        let difference = try DecodedImage.decode(result.bytes).meanAbsoluteDifference(to: DecodedImage.decode(source))
        #expect(difference < 6, "\(difference)")
        // A JPEG XL source is read like any other: resized and written out in another format.
        let resized = try Self.processor.process(result.bytes, options: try ProcessingOptions(parsing: "w:\(width / 2)/f:png"))
        #expect(resized.width == width / 2)
    }

    @Test func qualityAndEffortChangeTheResult() throws {
        let source = try Self.png(width: 256, height: 256, alpha: false)
        let low = try Self.processor.process(source, options: try ProcessingOptions(parsing: "f:jxl/q:30")).bytes
        let high = try Self.processor.process(source, options: try ProcessingOptions(parsing: "f:jxl/q:95")).bytes
        #expect(low.count < high.count)
        var configuration = PipelineConfiguration()
        configuration.encoder.jxlEffort = 1
        let fast = try ImageProcessor(configuration: configuration)
            .process(source, options: try ProcessingOptions(parsing: "f:jxl/q:95")).bytes
        #expect(fast != high)
    }

    @Test func containerBoxesAreRead() throws {
        let codestream = try Self.processor.process(try Self.png(width: 40, height: 30, alpha: false),
                                                    options: try ProcessingOptions(parsing: "f:jxl")).bytes
        let signature: [UInt8] = [0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A]
        let ftyp: [UInt8] = [0, 0, 0, 20] + Array("ftypjxl ".utf8) + [0, 0, 0, 0] + Array("jxl ".utf8)
        let whole = signature + ftyp + Self.box("jxlc", codestream)
        #expect(ImageFormat.sniff(whole) == .jxl)
        let info = try Self.processor.probe(whole)
        #expect(info.width == 40 && info.height == 30)
        let decoded = try Self.processor.process(whole, options: try ProcessingOptions(parsing: "f:png"))
        #expect(decoded.width == 40 && decoded.height == 30)
        let partial = signature + ftyp + Self.box("jxlp", [0x80, 0, 0, 0] + codestream)
        #expect(try Self.processor.probe(partial).width == 40)
    }

    @Test func hostileHeadersAreRefusedBeforeDecoding() throws {
        // A codestream declaring 40000 x 40000 pixels (1.6 gigapixels) in six bytes.
        var bits = BitWriter()
        bits.write(0, count: 1) // not small
        bits.write(3, count: 2); bits.write(39_999, count: 30)
        bits.write(0, count: 3) // no ratio
        bits.write(3, count: 2); bits.write(39_999, count: 30)
        let bomb = [0xFF, 0x0A] + bits.bytes
        let error = try #require(throws: PipelineError.self) { try Self.processor.plan(bomb, options: ProcessingOptions()) }
        #expect(error.kind == .sourceTooLarge)
        // Cut short: a typed error, not a crash.
        let encoded = try Self.processor.process(try Self.png(width: 64, height: 64, alpha: false),
                                                 options: try ProcessingOptions(parsing: "f:jxl")).bytes
        for length in [1, 3, 12, encoded.count / 2] {
            #expect(throws: (any Error).self) {
                try Self.processor.process(Array(encoded.prefix(length)), options: try ProcessingOptions(parsing: "f:png"))
            }
        }
        let box = [0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A] + [0xFF, 0xFF, 0xFF, 0xFF] + Array("junk".utf8)
        #expect(throws: PipelineError.self) { try Self.processor.probe(box) }
    }

    @Test func anAnimationHeaderIsReported() throws {
        var bits = BitWriter()
        bits.write(1, count: 1); bits.write(3, count: 5); bits.write(0, count: 3); bits.write(3, count: 5) // 32x32
        bits.write(0, count: 1) // not all default
        bits.write(1, count: 1) // extra fields
        bits.write(0, count: 3) // orientation 1
        bits.write(0, count: 1); bits.write(0, count: 1) // no intrinsic size, no preview
        bits.write(1, count: 1) // animation
        bits.write(0, count: 2); bits.write(0, count: 2) // 100 ticks a second
        bits.write(1, count: 2); bits.write(5, count: 3) // five loops
        bits.write(0, count: 1) // no timecodes
        bits.write(0, count: 1); bits.write(0, count: 2) // 8-bit integer samples
        bits.write(0, count: 1) // 16-bit buffers
        bits.write(1, count: 2) // one extra channel
        bits.write(1, count: 1) // all default: alpha
        let info = try Self.processor.probe([0xFF, 0x0A] + bits.bytes + [0, 0, 0, 0])
        #expect(info.width == 32 && info.height == 32 && info.animated && info.loopCount == 5 && info.hasAlpha)
    }

    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let size = payload.count + 8
        return [24, 16, 8, 0].map { UInt8((size >> $0) & 255) } + Array(type.utf8) + payload
    }
}

/// Test helper: writes bits least-significant first, as JPEG XL reads them.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var used = 0

    mutating func write(_ value: UInt64, count: Int) {
        for index in 0..<count {
            if used % 8 == 0 { bytes.append(0) }
            if (value >> UInt64(index)) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << (used % 8)) }
            used += 1
        }
    }
}
