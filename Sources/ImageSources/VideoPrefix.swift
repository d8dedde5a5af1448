import MediaFormats

/// Lets a video source be answered from its first megabytes: the first frame needs the container's index and the
/// first samples, not the whole file.
///
/// WebM: the header and first cluster come first. MP4: when `moov` comes before `mdat`, the prefix holds it; when
/// it comes after (the default of many muxers), the tail from `moov` on is fetched with a range request and moved
/// to the front, its chunk offsets shifted, as `qt-faststart` does, so FFmpeg reads one ordinary, shorter file.
enum VideoPrefix {
    enum Plan: Equatable {
        /// The prefix is a usable file.
        case enough
        /// `moov` follows an `mdat` that runs past the prefix: fetch from `tailOffset` on.
        case needsTail(tailOffset: Int, mdatOffset: Int)
        /// The prefix is not yet enough to tell (a box header or `moov` runs past it).
        case keepReading
    }

    /// What to do with `prefix` of a video in `format`.
    static func plan(_ prefix: [UInt8], format: ImageFormat) -> Plan {
        guard format == .mp4 else { return .enough }
        var offset = 0
        while let box = ISOBMFFBox.header(in: prefix, at: offset) {
            switch box.type {
            case "moov":
                return box.isComplete ? .enough : .keepReading
            case "mdat" where !box.isComplete:
                guard let end = box.declaredEnd else { return .keepReading }
                return .needsTail(tailOffset: end, mdatOffset: offset)
            default:
                guard box.isComplete else { return .keepReading }
                offset = box.end
            }
        }
        return .keepReading
    }

    /// The file rearranged as boxes before `mdat`, then the `moov` found in `tail` with its chunk offsets moved,
    /// then `mdat` as far as the prefix goes; nil when the tail holds no usable `moov`.
    static func fastStart(prefix: [UInt8], mdatOffset: Int, tail: [UInt8]) -> [UInt8]? {
        var offset = 0
        while let box = ISOBMFFBox.header(in: tail, at: offset), box.isComplete {
            if box.type == "moov" {
                var moov = Array(tail[offset..<box.end])
                guard ChunkOffsets.shift(in: &moov, range: box.headerSize..<moov.count, by: moov.count) else { return nil }
                return Array(prefix[..<mdatOffset]) + moov + Array(prefix[mdatOffset...])
            }
            offset = box.end
        }
        return nil
    }
}
