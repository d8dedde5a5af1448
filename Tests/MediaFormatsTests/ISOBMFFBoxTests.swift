import MediaFormats
import Testing

/// The one box reader the probe and the video prefix share.
struct ISOBMFFBoxTests {
    /// A box of `type` around `payload`.
    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let size = payload.count + 8
        return (0..<4).reversed().map { UInt8(truncatingIfNeeded: size >> ($0 * 8)) } + Array(type.utf8) + payload
    }

    @Test func readsSiblingsAndPayloads() throws {
        let bytes = Self.box("ftyp", Array("avif".utf8) + [0, 0, 0, 0]) + Self.box("mdat", [1, 2, 3])
        let boxes = try ISOBMFFBox.children(of: bytes, in: 0..<bytes.count)
        #expect(boxes.map(\.type) == ["ftyp", "mdat"])
        #expect(boxes[1].start == 24 && boxes[1].end == 27 && boxes[1].isComplete)
    }

    @Test func aBoxRunningPastTheBytesIsClippedAndIncomplete() throws {
        let bytes = Array(Self.box("moov", [UInt8](repeating: 7, count: 100)).prefix(40))
        let box = try #require(ISOBMFFBox.header(in: bytes, at: 0))
        #expect(box.declaredEnd == 108 && box.end == 40 && !box.isComplete)
        #expect(try ISOBMFFBox.children(of: bytes, in: 0..<bytes.count).count == 1)
    }

    @Test func largeAndToTheEndSizes() throws {
        let large = [0, 0, 0, 1] + Array("mdat".utf8) + [0, 0, 0, 0, 0, 0, 0, 20] + [9, 9, 9, 9]
        let box = try #require(ISOBMFFBox.header(in: large, at: 0))
        #expect(box.headerSize == 16 && box.start == 16 && box.end == 20 && box.isComplete)
        let toEnd = [0, 0, 0, 0] + Array("mdat".utf8) + [1, 2, 3]
        let open = try #require(ISOBMFFBox.header(in: toEnd, at: 0))
        #expect(open.declaredEnd == nil && open.end == toEnd.count && !open.isComplete)
    }

    @Test func aSizeBelowTheHeaderIsMalformed() throws {
        let bytes: [UInt8] = [0, 0, 0, 4] + Array("free".utf8)
        #expect(ISOBMFFBox.header(in: bytes, at: 0) == nil)
        #expect(throws: ProbeError.self) { try ISOBMFFBox.children(of: bytes, in: 0..<bytes.count) }
    }
}
