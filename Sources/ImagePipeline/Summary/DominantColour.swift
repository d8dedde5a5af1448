/// The colour most of an image is: the fullest of 4,096 colour buckets (4 bits a channel), averaged.
public enum DominantColour {
    /// `#rrggbb` of packed 8-bit RGB pixels (3 bytes each); nil when there are none.
    public static func hex(rgb pixels: [UInt8]) -> String? {
        guard pixels.count >= 3 else { return nil }
        var counts = [Int](repeating: 0, count: 4096)
        var sums = [Int](repeating: 0, count: 4096 * 3)
        for index in stride(from: 0, to: pixels.count - 2, by: 3) {
            let (red, green, blue) = (Int(pixels[index]), Int(pixels[index + 1]), Int(pixels[index + 2]))
            let bucket = (red >> 4) << 8 | (green >> 4) << 4 | blue >> 4
            counts[bucket] += 1
            sums[bucket * 3] += red
            sums[bucket * 3 + 1] += green
            sums[bucket * 3 + 2] += blue
        }
        guard let fullest = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[fullest] > 0 else { return nil }
        let channels = (0..<3).map { (sums[fullest * 3 + $0] + counts[fullest] / 2) / counts[fullest] }
        return "#" + channels.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
