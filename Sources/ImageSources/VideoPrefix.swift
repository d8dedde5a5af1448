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
                guard shiftChunkOffsets(in: &moov, range: box.headerSize..<moov.count, by: moov.count) else { return nil }
                return Array(prefix[..<mdatOffset]) + moov + Array(prefix[mdatOffset...])
            }
            offset = box.end
        }
        return nil
    }

    /// Adds `shift` to every entry of the `stco` and `co64` boxes under the container boxes in `range`.
    private static func shiftChunkOffsets(in moov: inout [UInt8], range: Range<Int>, by shift: Int) -> Bool {
        var offset = range.lowerBound
        while let box = moov.withUnsafeBytes({ ISOBMFFBox.header(in: $0, at: offset, limit: range.upperBound) }),
              box.isComplete {
            let body = box.start
            switch box.type {
            case "trak", "mdia", "minf", "stbl":
                guard shiftChunkOffsets(in: &moov, range: body..<box.end, by: shift) else { return false }
            case "stco", "co64":
                let wide = box.type == "co64"
                guard body + 8 <= box.end else { return false }
                let count = Int(u32(moov, body + 4))
                let width = wide ? 8 : 4
                guard count <= (box.end - body - 8) / width else { return false }
                for index in 0..<count {
                    let at = body + 8 + index * width
                    if wide {
                        put64(&moov, at, u64(moov, at) + UInt64(shift))
                    } else {
                        let moved = UInt64(u32(moov, at)) + UInt64(shift)
                        guard moved <= UInt64(UInt32.max) else { return false }
                        put32(&moov, at, UInt32(moved))
                    }
                }
            default:
                break
            }
            offset = box.end
        }
        return true
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        bytes[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        for index in 0..<4 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
    }

    private static func put64(_ bytes: inout [UInt8], _ at: Int, _ value: UInt64) {
        for index in 0..<8 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (56 - 8 * index)) }
    }
}
