/// Big-endian fields read and written in place, for rewriting box contents.
extension Array where Element == UInt8 {
    /// The big-endian value of `width` bytes (1 to 8) at `offset`; the caller checks the range.
    public func bigEndian(at offset: Int, width: Int) -> UInt64 {
        self[offset..<(offset + width)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Writes the low `width` bytes of `value` big-endian at `offset`; the caller checks the range.
    public mutating func putBigEndian(_ value: UInt64, at offset: Int, width: Int) {
        for index in 0..<width {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (width - 1 - index)))
        }
    }

    /// Appends `value` as `width` big-endian bytes.
    public mutating func appendBigEndian(_ value: UInt64, width: Int) {
        for index in 0..<width { append(UInt8(truncatingIfNeeded: value >> UInt64(8 * (width - 1 - index)))) }
    }
}
