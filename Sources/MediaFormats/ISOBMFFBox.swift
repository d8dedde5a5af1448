/// One ISO base media file format box (MP4, MOV, HEIF, AVIF): its type, where it starts and what it declares.
public struct ISOBMFFBox: Sendable, Hashable {
    /// The four-character type, such as `moov`.
    public let type: String
    /// Where the box header starts.
    public let offset: Int
    /// Size of the header (8, or 16 with a 64-bit size).
    public let headerSize: Int
    /// The end the box declares (exclusive); nil for size 0, "to the end of the file".
    public let declaredEnd: Int?
    /// Payload end within the bytes read (exclusive): the declared end, clipped to the range that was read.
    public let end: Int

    /// Payload start (after the header).
    public var start: Int { offset + headerSize }
    /// Whether the declared box lies wholly inside the range that was read.
    public var isComplete: Bool { declaredEnd.map { $0 == end } ?? false }
    /// A full box's children: after its version and flags (4 bytes); empty when the box is too short to hold them.
    public var fullBoxPayload: Range<Int> { min(start + 4, end)..<end }

    /// Reads the box header at `offset` of `bytes`, bounded by `limit`; nil when the header itself does not fit or
    /// declares a size smaller than the header.
    public static func header(in bytes: UnsafeRawBufferPointer, at offset: Int, limit: Int) -> ISOBMFFBox? {
        let limit = min(limit, bytes.count)
        guard offset >= 0, offset <= limit - 8 else { return nil }
        var reader = ByteReader(bytes, offset: offset)
        guard var size = try? Int(reader.u32()), let type = try? reader.fourCC() else { return nil }
        var headerSize = 8
        if size == 1 {
            guard offset <= limit - 16, let large = try? reader.u64(), large <= UInt64(Int.max / 2) else { return nil }
            size = Int(large)
            headerSize = 16
        }
        if size == 0 {
            return ISOBMFFBox(type: type, offset: offset, headerSize: headerSize, declaredEnd: nil, end: limit)
        }
        guard size >= headerSize else { return nil }
        let declared = offset.addingReportingOverflow(size)
        let declaredEnd = declared.overflow ? Int.max : declared.partialValue
        return ISOBMFFBox(type: type, offset: offset, headerSize: headerSize, declaredEnd: declaredEnd,
                          end: min(declaredEnd, limit))
    }

    /// Reads the boxes directly inside `range`; a box running past the range is the last one, clipped.
    /// Throws `ProbeError` for a box smaller than its own header.
    public static func children(of bytes: UnsafeRawBufferPointer, in range: Range<Int>) throws -> [ISOBMFFBox] {
        var boxes: [ISOBMFFBox] = []
        var offset = range.lowerBound
        while offset + 8 <= range.upperBound, boxes.count < 10_000 {
            guard let box = header(in: bytes, at: offset, limit: range.upperBound) else {
                // A 64-bit size that does not fit ends the list quietly; a size below the header is malformed.
                var reader = ByteReader(bytes, offset: offset)
                let size = try reader.u32()
                let type = try reader.fourCC()
                if size == 1 { break }
                throw ProbeError.malformed("box '\(type)' smaller than its header")
            }
            boxes.append(box)
            guard box.isComplete else { break }
            offset = box.end
        }
        return boxes
    }

    /// `children(of:in:)` over an array.
    public static func children(of bytes: [UInt8], in range: Range<Int>) throws -> [ISOBMFFBox] {
        try bytes.withUnsafeBytes { try children(of: $0, in: range) }
    }

    /// `header(in:at:limit:)` over an array, bounded by its end.
    public static func header(in bytes: [UInt8], at offset: Int) -> ISOBMFFBox? {
        bytes.withUnsafeBytes { header(in: $0, at: offset, limit: $0.count) }
    }
}
