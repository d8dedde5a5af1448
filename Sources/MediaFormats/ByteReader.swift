/// Bounds-checked reads over untrusted bytes; every read past the end throws `ProbeError.truncated`.
public struct ByteReader {
    /// The bytes read.
    public let bytes: UnsafeRawBufferPointer
    /// The next position to read.
    public var offset: Int

    /// Reads `bytes` from `offset` on.
    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes left after the position.
    public var remaining: Int { max(0, bytes.count - offset) }
    /// Whether the position is at or past the end.
    public var isAtEnd: Bool { offset >= bytes.count }

    /// Whether `count` more bytes can be read.
    public func has(_ count: Int) -> Bool { count >= 0 && offset <= bytes.count - count }

    /// Moves past `count` bytes.
    public mutating func skip(_ count: Int) throws {
        guard has(count) else { throw ProbeError.truncated }
        offset += count
    }

    /// Moves to an absolute position (which may equal the end).
    public mutating func seek(to position: Int) throws {
        guard position >= 0, position <= bytes.count else { throw ProbeError.truncated }
        offset = position
    }

    /// Reads an unsigned integer of that width.
    public mutating func u8() throws -> UInt8 {
        guard has(1) else { throw ProbeError.truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads an unsigned integer of that width.
    public mutating func u16(bigEndian: Bool = true) throws -> UInt16 {
        let value = try read(2, bigEndian: bigEndian)
        return UInt16(value)
    }

    /// Reads an unsigned integer of that width.
    public mutating func u24(bigEndian: Bool = true) throws -> UInt32 {
        UInt32(try read(3, bigEndian: bigEndian))
    }

    /// Reads an unsigned integer of that width.
    public mutating func u32(bigEndian: Bool = true) throws -> UInt32 {
        UInt32(try read(4, bigEndian: bigEndian))
    }

    /// Reads an unsigned integer of that width.
    public mutating func u64(bigEndian: Bool = true) throws -> UInt64 {
        try read(8, bigEndian: bigEndian)
    }

    /// Reads `count` bytes as an array.
    public mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard has(count) else { throw ProbeError.truncated }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// Reads a four-character code.
    public mutating func fourCC() throws -> String {
        String(decoding: try bytes(4), as: UTF8.self)
    }

    /// Whether the bytes at the current position equal `prefix` (does not move).
    public func matches(_ prefix: [UInt8], at position: Int? = nil) -> Bool {
        let start = position ?? offset
        guard start >= 0, start <= bytes.count - prefix.count else { return false }
        for (index, byte) in prefix.enumerated() where bytes[start + index] != byte { return false }
        return true
    }

    private mutating func read(_ count: Int, bigEndian: Bool) throws -> UInt64 {
        guard has(count) else { throw ProbeError.truncated }
        var value: UInt64 = 0
        for index in 0..<count {
            let byte = UInt64(bytes[offset + (bigEndian ? index : count - 1 - index)])
            value = value << 8 | byte
        }
        offset += count
        return value
    }
}
