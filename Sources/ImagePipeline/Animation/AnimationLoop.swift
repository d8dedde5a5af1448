import MediaFormats

/// How many times an animation plays (0 forever), from what each format stores: a GIF's NETSCAPE count is the
/// number of repeats after the first play (no extension plays once); WebP and AVIF store plays.
enum AnimationLoop {
    static func plays(_ info: ImageInfo) -> Int {
        guard info.format == .gif else { return info.loopCount ?? 0 }
        guard let repeats = info.loopCount else { return 1 }
        return repeats == 0 ? 0 : repeats + 1
    }

    /// The NETSCAPE repeat count for `plays`, or nil for no extension (play once).
    static func gifRepeats(plays: Int) -> Int? {
        switch plays {
        case 0: 0
        case 1: nil
        default: plays - 1
        }
    }
}
