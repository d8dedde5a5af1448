import CGifCodec

/// A palette a `gif-encode` input describes, and frames drawn from it.
struct GIFTestPalette {
    let palette: mp_gif_palette

    /// Up to 255 colours, one of them perhaps transparent, from the input.
    init(_ input: inout FuzzInput, isGlobal: Bool) {
        var palette = mp_gif_palette()
        palette.count = Int32(input.value(in: 1...255))
        palette.transparent_index = Int32(input.value(in: 0...Int(palette.count) * 2)) - Int32(palette.count) - 1
        palette.is_global = isGlobal ? 1 : 0
        let colours = input.pixels(768, startingAt: isGlobal ? 0 : 384)
        withUnsafeMutableBytes(of: &palette.rgb) { $0.copyBytes(from: colours) }
        if palette.transparent_index < 0 { palette.transparent_index = -1 }
        self.palette = palette
    }

    /// RGBA pixels whose colours are this palette's entries `indices` (modulo the count); the transparent entry
    /// gives transparent pixels.
    func frame(width: Int, height: Int, indices: [UInt8]) -> [UInt8] {
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        withUnsafeBytes(of: palette.rgb) { colours in
            for pixel in 0..<(width * height) {
                let entry = Int(indices[pixel]) % Int(palette.count)
                guard entry != Int(palette.transparent_index) else { continue }
                rgba[pixel * 4] = colours[entry * 3]
                rgba[pixel * 4 + 1] = colours[entry * 3 + 1]
                rgba[pixel * 4 + 2] = colours[entry * 3 + 2]
                rgba[pixel * 4 + 3] = 255
            }
        }
        return rgba
    }

    /// Whether a decoded frame is transparent exactly where the given one is. (Colours may differ: the encoder
    /// leaves a pixel whose shown colour is close enough, by design.)
    static func sameTransparency(_ given: [UInt8], _ shown: [UInt8]) -> Bool {
        guard given.count == shown.count else { return false }
        return stride(from: 3, to: given.count, by: 4).allSatisfy { (given[$0] >= 128) == (shown[$0] >= 128) }
    }
}
