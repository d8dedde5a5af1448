/// Reads bits least-significant first (JPEG XL's order) from untrusted bytes; a read past the end throws
/// `ProbeError.truncated`.
public struct LSBBitReader {
    private let bytes: [UInt8]
    /// Bits read so far.
    public private(set) var position = 0

    /// Reads `bytes` from their first bit.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next `count` bits (0-32) as an unsigned number, the first bit read the lowest.
    public mutating func bits(_ count: Int) throws -> UInt64 {
        precondition((0...32).contains(count))
        guard position + count <= bytes.count * 8 else { throw ProbeError.truncated }
        var value: UInt64 = 0
        for index in 0..<count {
            let bit = (bytes[(position + index) >> 3] >> UInt8((position + index) & 7)) & 1
            value |= UInt64(bit) << UInt64(index)
        }
        position += count
        return value
    }

    /// One bit as a Boolean.
    public mutating func flag() throws -> Bool { try bits(1) == 1 }

    /// JPEG XL's U32: a 2-bit selector chooses one of four distributions, each a constant (`bits` 0) or `bits`
    /// more bits, plus its offset.
    public mutating func u32(_ choices: [(bits: Int, offset: UInt64)]) throws -> UInt64 {
        let choice = choices[Int(try bits(2))]
        return try bits(choice.bits) + choice.offset
    }
}
