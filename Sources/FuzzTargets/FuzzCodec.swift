import CCodecSupport
import Glibc

/// Helpers for the targets' calls into the C codecs, which write failures into a message buffer and results into
/// buffers the caller frees.
enum FuzzCodec {
    /// A message buffer of the size every codec call writes into.
    static func messageBuffer() -> [CChar] {
        [CChar](repeating: 0, count: Int(MP_MESSAGE_SIZE))
    }

    /// The text a call left in `buffer`.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The bytes of an encoder's malloc'd result, freed here.
    static func takeBuffer(_ buffer: UnsafeMutablePointer<UInt8>?, length: Int) -> [UInt8] {
        defer { free(buffer) }
        guard let buffer else { return [] }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// Bytes in a decoded frame's pixels.
    static func byteCount(_ frame: mp_frame) -> Int {
        Int(frame.width) * Int(frame.height) * Int(frame.bands)
    }

    /// Reads every byte of a decoded frame, so that AddressSanitizer sees a frame shorter than it claims.
    static func touch(_ frame: mp_frame) {
        guard let pixels = frame.pixels else { return }
        let count = byteCount(frame)
        var sum: UInt8 = 0
        for index in stride(from: 0, to: count, by: 61) { sum &+= pixels[index] }
        if count > 0 { sum &+= pixels[count - 1] }
        FuzzSink.keep(sum)
    }

    /// The limits the codec targets decode under: small, so that a hostile header costs little.
    static var limits: mp_limits {
        mp_limits(max_frame_pixels: 4_000_000, max_frames: 64)
    }
}
