import Glibc

/// Lossless animated WebP from palette sources (GIF): a GIF's frames are often dithered with palettes of their
/// own, so pixels that did not visibly change differ by a few levels from frame to frame, and a lossless encoder
/// stores them again. This gives each opaque pixel within `tolerance` levels (per channel) of what is already
/// shown the shown colour, so the encoder sees it unchanged, but only where the changed rows already use that
/// colour for another opaque pixel: a palette frame keeps its palette (lossless WebP stores up to 256 colours as
/// indices). Each pixel stays within `tolerance` of its true colour, since what is shown is what was encoded.
struct ShownColourKeeper {
    let tolerance: Int
    private let rowBytes: Int
    /// One bit per 24-bit colour, set for those the changed rows use while a frame is worked on, clear otherwise.
    private var used = [UInt64](repeating: 0, count: 1 << 18)

    init(tolerance: Int, width: Int) {
        self.tolerance = tolerance
        rowBytes = width * 4
    }

    /// Gives the pixels of `frame` (RGBA, the encoder's width) that qualify the colour they have in `shown`.
    mutating func apply(to frame: inout [UInt8], shown: [UInt8]) {
        guard shown.count == frame.count, rowBytes > 0, let rows = changedRows(frame, shown) else { return }
        let limit = UInt8(clamping: tolerance)
        let range = rows.lowerBound * rowBytes..<rows.upperBound * rowBytes
        let original = frame
        frame.withUnsafeMutableBufferPointer { pixels in
            shown.withUnsafeBufferPointer { before in
                used.withUnsafeMutableBufferPointer { bits in
                    Self.forEachOpaque(original, in: range) { bits[$0 >> 6] |= 1 << ($0 & 63) }
                    var index = range.lowerBound
                    while index < range.upperBound {
                        if pixels[index + 3] == 255, before[index + 3] == 255,
                           Self.distance(pixels[index], before[index]) <= limit,
                           Self.distance(pixels[index + 1], before[index + 1]) <= limit,
                           Self.distance(pixels[index + 2], before[index + 2]) <= limit {
                            let colour = Int(before[index]) << 16 | Int(before[index + 1]) << 8 | Int(before[index + 2])
                            if bits[colour >> 6] & 1 << (colour & 63) != 0 {
                                pixels[index] = before[index]
                                pixels[index + 1] = before[index + 1]
                                pixels[index + 2] = before[index + 2]
                            }
                        }
                        index += 4
                    }
                    Self.forEachOpaque(original, in: range) { bits[$0 >> 6] = 0 }
                }
            }
        }
    }

    /// The rows where `frame` differs from `shown`, or nil when none does.
    private func changedRows(_ frame: [UInt8], _ shown: [UInt8]) -> Range<Int>? {
        frame.withUnsafeBytes { now in
            shown.withUnsafeBytes { before in
                let rows = frame.count / rowBytes
                func differs(_ row: Int) -> Bool {
                    memcmp(now.baseAddress! + row * rowBytes, before.baseAddress! + row * rowBytes, rowBytes) != 0
                }
                guard let top = (0..<rows).first(where: differs) else { return nil }
                let bottom = (top..<rows).reversed().first(where: differs) ?? top
                return top..<bottom + 1
            }
        }
    }

    /// Calls `body` with the 24-bit colour of every opaque pixel in `range`.
    private static func forEachOpaque(_ pixels: [UInt8], in range: Range<Int>, _ body: (Int) -> Void) {
        pixels.withUnsafeBufferPointer { pixels in
            var index = range.lowerBound
            while index < range.upperBound {
                if pixels[index + 3] == 255 {
                    body(Int(pixels[index]) << 16 | Int(pixels[index + 1]) << 8 | Int(pixels[index + 2]))
                }
                index += 4
            }
        }
    }

    private static func distance(_ a: UInt8, _ b: UInt8) -> UInt8 { a > b ? a - b : b - a }
}
