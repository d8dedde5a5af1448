import MediaFormats
import Testing

/// Magic bytes decide the format, never names.
struct SniffTests {
    @Test(arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE0], ImageFormat.jpeg),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .png),
        (Array("GIF89a".utf8), .gif),
        (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8), .webp),
        ([0x49, 0x49, 0x2A, 0x00], .tiff),
        ([0, 0, 0, 20] + Array("ftypavif".utf8) + [0, 0, 0, 0] + Array("mif1".utf8), .avif),
        ([0, 0, 0, 20] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1".utf8), .heic),
        ([0, 0, 0, 20] + Array("ftypisom".utf8) + [0, 0, 0, 0] + Array("mp41".utf8), .mp4),
        ([0x1A, 0x45, 0xDF, 0xA3], .webm),
        (Array("  <?xml version=\"1.0\"?><svg width=\"1\"/>".utf8), .svg),
    ] as [([UInt8], ImageFormat)])
    func magicBytes(prefix: [UInt8], format: ImageFormat) {
        #expect(ImageFormat.sniff(prefix) == format)
    }

    @Test func unknownBytesAreNothing() {
        #expect(ImageFormat.sniff(Array("hello, world".utf8)) == nil)
        #expect(ImageFormat.sniff([]) == nil)
    }

    @Test func readerRefusesReadsPastTheEnd() throws {
        let bytes: [UInt8] = [1, 2, 3]
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var reader = ByteReader(raw)
            #expect(try reader.u16() == 0x0102)
            #expect(throws: ProbeError.self) { try reader.u16() }
            #expect(try reader.u8() == 3 && reader.isAtEnd)
        }
    }
}
