/// One chunk of a PNG file as the tests read it: its type, where it starts (its length field) and its payload.
struct PNGChunk {
    let type: String
    let offset: Int
    let payload: ArraySlice<UInt8>

    /// The chunks of a PNG file in order, from after the signature; stops at a chunk that runs past the end.
    static func chunks(of bytes: [UInt8]) -> [PNGChunk] {
        var chunks: [PNGChunk] = [], offset = 8
        while offset + 12 <= bytes.count {
            let length = bigEndian(bytes[offset..<(offset + 4)])
            guard offset + 12 + length <= bytes.count else { break }
            chunks.append(PNGChunk(type: String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self),
                                   offset: offset, payload: bytes[(offset + 8)..<(offset + 8 + length)]))
            offset += 12 + length
        }
        return chunks
    }

    /// A big-endian unsigned number from `bytes` (the PNG byte order).
    static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }
}
