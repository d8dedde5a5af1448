/// The file offsets a movie's sample tables point at (`stco`, `co64`), moved when bytes before the media data
/// are added or taken away.
public enum ChunkOffsets {
    /// Adds `shift` to every entry of the `stco` and `co64` boxes under the container boxes (`trak`, `mdia`,
    /// `minf`, `stbl`) in `range` of `bytes`; false when a table is malformed or an entry would not fit.
    public static func shift(in bytes: inout [UInt8], range: Range<Int>, by shift: Int) -> Bool {
        var offset = range.lowerBound
        while let box = bytes.withUnsafeBytes({ ISOBMFFBox.header(in: $0, at: offset, limit: range.upperBound) }),
              box.isComplete {
            let body = box.start
            switch box.type {
            case "trak", "mdia", "minf", "stbl":
                guard Self.shift(in: &bytes, range: body..<box.end, by: shift) else { return false }
            case "stco", "co64":
                let width = box.type == "co64" ? 8 : 4
                guard body + 8 <= box.end else { return false }
                let count = Int(bytes.bigEndian(at: body + 4, width: 4))
                guard count <= (box.end - body - 8) / width else { return false }
                for index in 0..<count {
                    let at = body + 8 + index * width
                    let moved = Int64(bitPattern: bytes.bigEndian(at: at, width: width)) + Int64(shift)
                    guard moved >= 0, width == 8 || moved <= Int64(UInt32.max) else { return false }
                    bytes.putBigEndian(UInt64(moved), at: at, width: width)
                }
            default:
                break
            }
            offset = box.end
        }
        return true
    }
}
