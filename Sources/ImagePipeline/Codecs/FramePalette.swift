import CGifCodec

/// The palette a GIF frame was drawn with: what the GIF encoder's "keep" strategy maps colours into.
struct FramePalette: Sendable, Hashable {
    /// RGB triples, at most 256.
    var colors: [UInt8]
    /// The index shown as transparent, if any.
    var transparentIndex: Int?
    /// Whether the frame used the file's global palette.
    var isGlobal: Bool

    /// Entries in the palette.
    var count: Int { colors.count / 3 }

    init(colors: [UInt8], transparentIndex: Int?, isGlobal: Bool) {
        self.colors = Array(colors.prefix(768))
        self.transparentIndex = transparentIndex
        self.isGlobal = isGlobal
    }

    /// The palette giflib's decoder reported.
    init(_ palette: mp_gif_palette) {
        let count = Int(max(0, min(256, palette.count)))
        let colors = withUnsafeBytes(of: palette.rgb) { Array($0.prefix(count * 3)) }
        self.init(colors: colors, transparentIndex: palette.transparent_index >= 0 ? Int(palette.transparent_index) : nil,
                  isGlobal: palette.is_global != 0)
    }

    /// The C form the GIF encoder takes.
    var cPalette: mp_gif_palette {
        var palette = mp_gif_palette()
        withUnsafeMutableBytes(of: &palette.rgb) { raw in
            raw.copyBytes(from: colors.prefix(raw.count))
        }
        palette.count = Int32(count)
        palette.transparent_index = Int32(transparentIndex ?? -1)
        palette.is_global = isGlobal ? 1 : 0
        return palette
    }
}
