/// One ISO base media file format box: its type and payload range.
struct ISOBMFFBox {
    let type: String
    /// Payload start (after the header).
    let start: Int
    /// Payload end (exclusive).
    let end: Int

    /// Reads the boxes directly inside `range`; stops quietly at a truncated box.
    static func children(of bytes: UnsafeRawBufferPointer, in range: Range<Int>) throws -> [ISOBMFFBox] {
        var boxes: [ISOBMFFBox] = []
        var reader = ByteReader(bytes, offset: range.lowerBound)
        while reader.offset + 8 <= range.upperBound, boxes.count < 10_000 {
            let boxStart = reader.offset
            var size = Int(try reader.u32())
            let type = try reader.fourCC()
            if size == 1 {
                guard reader.has(8) else { break }
                size = Int(clamping: try reader.u64())
            } else if size == 0 {
                size = range.upperBound - boxStart
            }
            let headerSize = reader.offset - boxStart
            guard size >= headerSize else { throw ProbeError.malformed("box '\(type)' smaller than its header") }
            let end = boxStart.addingReportingOverflow(size)
            guard !end.overflow, end.partialValue <= range.upperBound else {
                boxes.append(ISOBMFFBox(type: type, start: reader.offset, end: range.upperBound))
                break
            }
            boxes.append(ISOBMFFBox(type: type, start: reader.offset, end: end.partialValue))
            try reader.seek(to: end.partialValue)
        }
        return boxes
    }
}
