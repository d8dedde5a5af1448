import MediaFormats
import Testing

/// Loop counts written into an AVIF sequence as an edit list: read back, and every offset into the media data
/// (chunk offsets and item locations) still pointing at the same bytes after the boxes grew.
struct AVIFRepetitionTests {
    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] { ISOBMFFBoxTests.box(type, payload) }

    static func u32(_ value: Int) -> [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }

    static let payload: [UInt8] = Array("frame data".utf8)

    /// ftyp, meta (iloc v1: 4-byte offsets, no base), moov (one track, tkhd v1 of 1000 units, stco), then mdat —
    /// or mdat first when `mediaFirst`.
    static func sequence(mediaFirst: Bool = false) -> [UInt8] {
        let ftyp = box("ftyp", Array("avis".utf8) + [0, 0, 0, 0] + Array("avis".utf8))
        func build(mdatAt: Int) -> (meta: [UInt8], moov: [UInt8]) {
            let data = mdatAt + 8
            let iloc = box("iloc", [1, 0, 0, 0, 0x44, 0x00] + [0, 1] + [0, 1] + [0, 0] + [0, 0] + [0, 1]
                                 + u32(data) + u32(payload.count))
            let meta = box("meta", [0, 0, 0, 0] + iloc)
            let tkhd = box("tkhd", [1, 0, 0, 3] + [UInt8](repeating: 0, count: 20) + [0, 0, 0, 0, 0, 0, 0x03, 0xE8]
                                 + [UInt8](repeating: 0, count: 60))
            let stco = box("stco", [0, 0, 0, 0] + u32(1) + u32(data))
            let trak = box("trak", tkhd + box("mdia", box("minf", box("stbl", stco))))
            return (meta, box("moov", box("mvhd", [UInt8](repeating: 0, count: 100)) + trak))
        }
        let mdat = box("mdat", payload)
        if mediaFirst {
            let (meta, moov) = build(mdatAt: ftyp.count)
            return ftyp + mdat + meta + moov
        }
        let sizes = build(mdatAt: 0)
        let (meta, moov) = build(mdatAt: ftyp.count + sizes.meta.count + sizes.moov.count)
        return ftyp + meta + moov + mdat
    }

    /// The payload each offset field points at: the stco entry and the iloc extent.
    static func pointedAt(_ file: [UInt8]) throws -> [[UInt8]] {
        let stco = try #require(file.indices.first { Array(file[$0..<min(file.count, $0 + 4)]) == Array("stco".utf8) })
        let iloc = try #require(file.indices.first { Array(file[$0..<min(file.count, $0 + 4)]) == Array("iloc".utf8) })
        let chunk = Int(file.bigEndian(at: stco + 12, width: 4))
        let extent = Int(file.bigEndian(at: iloc + 20, width: 4))
        return [chunk, extent].map { Array(file[$0..<($0 + payload.count)]) }
    }

    /// Found by the probe fuzz target: a 64-bit track duration one below all ones trapped when rounded up.
    @Test func aDurationNearAllOnesDoesNotOverflow() throws {
        let source = Self.sequence()
        var written = try #require(AVIFRepetition.writing(plays: 2, into: source))
        let tkhd = try #require(written.indices.first { Array(written[$0..<min(written.count, $0 + 4)]) == Array("tkhd".utf8) })
        written.putBigEndian(UInt64.max - 1, at: tkhd + 4 + 28, width: 8)
        let elst = try #require(written.indices.first { Array(written[$0..<min(written.count, $0 + 4)]) == Array("elst".utf8) })
        let segment = written.bigEndian(at: elst + 4 + 8, width: 8)
        let roundedUp = (UInt64.max - 1) / segment + ((UInt64.max - 1) % segment == 0 ? 0 : 1)
        #expect(written.withUnsafeBytes { AVIFRepetition.plays(in: $0) } == Int(min(roundedUp, UInt64(Int32.max))))
    }

    @Test(arguments: [0, 1, 2, 65535, 65536])
    func playsAreReadBackAndOffsetsStillPointAtTheData(plays: Int) throws {
        for mediaFirst in [false, true] {
            let source = Self.sequence(mediaFirst: mediaFirst)
            #expect(try Self.pointedAt(source) == [Self.payload, Self.payload])
            #expect(source.withUnsafeBytes { AVIFRepetition.plays(in: $0) } == nil)
            let written = try #require(AVIFRepetition.writing(plays: plays, into: source))
            #expect(written.count == source.count + 44)
            #expect(written.withUnsafeBytes { AVIFRepetition.plays(in: $0) } == plays)
            #expect(try Self.pointedAt(written) == [Self.payload, Self.payload], "media first: \(mediaFirst)")
            let boxes = try ISOBMFFBox.children(of: written, in: 0..<written.count)
            #expect(boxes.allSatisfy(\.isComplete) && boxes.last?.end == written.count)
        }
    }

    @Test func aFileWithEditListsIsLeftAlone() throws {
        let once = try #require(AVIFRepetition.writing(plays: 3, into: Self.sequence()))
        #expect(AVIFRepetition.writing(plays: 5, into: once) == nil)
    }
}
