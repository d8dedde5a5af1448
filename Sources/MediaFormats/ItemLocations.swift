/// The file offsets of a HEIF or AVIF item location box (`iloc`), moved when bytes are inserted before the data
/// they point at.
public enum ItemLocations {
    /// Adds `shift` to the location of every item stored in the file (construction method 0) whose data starts
    /// at or after `insertion`; false when the box cannot be read or a location would not fit its field.
    public static func shift(in bytes: inout [UInt8], iloc: ISOBMFFBox, insertion: Int, by shift: Int) -> Bool {
        var at = iloc.start
        func field(_ width: Int) -> UInt64? {
            guard width >= 0, at + width <= iloc.end else { return nil }
            defer { at += width }
            return width == 0 ? 0 : bytes.bigEndian(at: at, width: width)
        }
        guard let version = field(1), version <= 2, field(3) != nil, let sizes = field(2) else { return false }
        let offsetSize = Int(sizes >> 12), lengthSize = Int(sizes >> 8 & 15)
        let baseSize = Int(sizes >> 4 & 15), indexSize = version > 0 ? Int(sizes & 15) : 0
        guard [0, 4, 8].contains(offsetSize), [0, 4, 8].contains(baseSize), let count = field(version < 2 ? 2 : 4) else {
            return false
        }
        for _ in 0..<count {
            guard field(version < 2 ? 2 : 4) != nil else { return false }
            let method = version > 0 ? field(2).map { $0 & 15 } : 0
            let baseAt = at + 2
            guard let method, field(2) != nil, let base = field(baseSize), let extents = field(2) else { return false }
            var extentOffsets: [Int] = []
            for _ in 0..<extents {
                guard field(indexSize) != nil else { return false }
                extentOffsets.append(at)
                guard field(offsetSize) != nil, field(lengthSize) != nil else { return false }
            }
            guard method == 0, let first = extentOffsets.first else { continue }
            let start = base + bytes.bigEndian(at: first, width: offsetSize)
            guard start >= UInt64(insertion) else { continue }
            if baseSize > 0, base != 0 {
                guard move(&bytes, at: baseAt, width: baseSize, by: shift) else { return false }
            } else {
                guard offsetSize > 0 else { return false }
                for offset in extentOffsets where !move(&bytes, at: offset, width: offsetSize, by: shift) { return false }
            }
        }
        return true
    }

    private static func move(_ bytes: inout [UInt8], at offset: Int, width: Int, by shift: Int) -> Bool {
        let moved = Int64(bitPattern: bytes.bigEndian(at: offset, width: width)) + Int64(shift)
        guard moved >= 0, width == 8 || moved <= Int64(UInt32.max) else { return false }
        bytes.putBigEndian(UInt64(moved), at: offset, width: width)
        return true
    }
}
