/// How many times an AVIF image sequence plays, stored as libavif 1.x writes it and browsers read it: each track
/// has an edit list (`edts`/`elst`) whose one entry spans the sequence, flagged to repeat unless it plays once,
/// and the track's duration (`tkhd`) is the sequence's length times the plays, or all ones for forever.
public enum AVIFRepetition {
    /// Plays stored in an AVIF sequence (0 forever); nil when its first track has no edit list (players loop
    /// such a sequence forever) or the boxes cannot be read.
    public static func plays(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let moov = try? ISOBMFFBox.children(of: bytes, in: 0..<bytes.count).first(where: { $0.type == "moov" }),
              let trak = try? ISOBMFFBox.children(of: bytes, in: moov.start..<moov.end).first(where: { $0.type == "trak" }),
              let boxes = try? ISOBMFFBox.children(of: bytes, in: trak.start..<trak.end),
              let tkhd = boxes.first(where: { $0.type == "tkhd" }), let edts = boxes.first(where: { $0.type == "edts" }),
              let elst = try? ISOBMFFBox.children(of: bytes, in: edts.start..<edts.end).first(where: { $0.type == "elst" })
        else { return nil }
        var reader = ByteReader(bytes, offset: elst.start)
        guard let version = try? reader.u8(), let flags = try? reader.u24(), let entries = try? reader.u32(), entries > 0,
              let segment = try? (version == 1 ? reader.u64() : UInt64(reader.u32())),
              let duration = trackDuration(bytes, tkhd: tkhd) else { return nil }
        if flags & 1 == 0 { return 1 }
        if duration.isForever || segment == 0 { return 0 }
        // Rounded up without `value + segment - 1`, which overflows for a duration near all ones.
        let plays = duration.value / segment + (duration.value % segment == 0 ? 0 : 1)
        return Int(min(plays, UInt64(Int32.max)))
    }

    /// `file` with `plays` (0 forever) written into every track, and every offset into the media data moved past
    /// the inserted boxes; nil when the file already has edit lists or its boxes cannot be rewritten.
    public static func writing(plays: Int, into file: [UInt8]) -> [UInt8]? {
        var bytes = file
        guard plays >= 0, let top = try? ISOBMFFBox.children(of: file, in: 0..<file.count),
              let moov = top.first(where: { $0.type == "moov" }), moov.isComplete,
              let traks = try? ISOBMFFBox.children(of: file, in: moov.start..<moov.end).filter({ $0.type == "trak" }),
              !traks.isEmpty else { return nil }
        var insertions: [(at: Int, box: [UInt8])] = []
        for trak in traks {
            guard let boxes = try? ISOBMFFBox.children(of: file, in: trak.start..<trak.end),
                  !boxes.contains(where: { $0.type == "edts" }), let tkhd = boxes.first(where: { $0.type == "tkhd" }),
                  let segment = file.withUnsafeBytes({ trackDuration($0, tkhd: tkhd) }), !segment.isForever,
                  trak.headerSize == 8 else { return nil }
            let wide = file[tkhd.start] == 1
            bytes.putBigEndian(storedDuration(plays: plays, segment: segment.value, wide: wide),
                               at: tkhd.start + (wide ? 28 : 20), width: wide ? 8 : 4)
            insertions.append((tkhd.end, editList(segment: segment.value, repeats: plays != 1)))
        }
        let added = insertions.reduce(0) { $0 + $1.box.count }
        // Offsets into media data that follows the movie box move with it; data before it stays where it is.
        let moved = (top.first(where: { $0.type == "mdat" })?.offset ?? Int.max) > moov.offset ? added : 0
        // Offsets first, while the boxes still declare their old sizes.
        guard ChunkOffsets.shift(in: &bytes, range: moov.start..<moov.end, by: moved) else { return nil }
        for trak in traks {
            bytes.putBigEndian(UInt64(trak.end - trak.offset + insertions[0].box.count), at: trak.offset, width: 4)
        }
        guard resize(&bytes, box: moov, by: added) else { return nil }
        if let meta = top.first(where: { $0.type == "meta" }),
           let iloc = try? ISOBMFFBox.children(of: file, in: meta.fullBoxPayload).first(where: { $0.type == "iloc" }) {
            guard ItemLocations.shift(in: &bytes, iloc: iloc, insertion: moov.offset, by: moved) else { return nil }
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + added)
        var copied = 0
        for insertion in insertions {
            result += bytes[copied..<insertion.at]
            result += insertion.box
            copied = insertion.at
        }
        result += bytes[copied...]
        return result
    }

    /// A track duration as stored: its value, or the all-ones "forever" of its field's width.
    private struct Duration {
        let value: UInt64
        let isForever: Bool
    }

    private static func trackDuration(_ bytes: UnsafeRawBufferPointer, tkhd: ISOBMFFBox) -> Duration? {
        var reader = ByteReader(bytes, offset: tkhd.start)
        guard let version = try? reader.u8() else { return nil }
        let wide = version == 1
        guard (try? reader.skip(wide ? 27 : 19)) != nil,
              let value = try? (wide ? reader.u64() : UInt64(reader.u32())), reader.offset <= tkhd.end else { return nil }
        return Duration(value: value, isForever: value == (wide ? UInt64.max : UInt64(UInt32.max)))
    }

    /// The track duration for `plays` of `segment` in a 32- or 64-bit field: all ones for forever, else the
    /// product, kept below all ones.
    private static func storedDuration(plays: Int, segment: UInt64, wide: Bool) -> UInt64 {
        let forever = wide ? UInt64.max : UInt64(UInt32.max)
        guard plays != 0 else { return forever }
        let (product, overflow) = segment.multipliedReportingOverflow(by: UInt64(plays))
        return overflow ? forever - 1 : min(product, forever - 1)
    }

    /// `edts` holding a version-1 `elst` with one entry spanning `segment`.
    private static func editList(segment: UInt64, repeats: Bool) -> [UInt8] {
        var box: [UInt8] = []
        box.appendBigEndian(44, width: 4)
        box += Array("edts".utf8)
        box.appendBigEndian(36, width: 4)
        box += Array("elst".utf8)
        box.appendBigEndian(1 << 24 | (repeats ? 1 : 0), width: 4)
        box.appendBigEndian(1, width: 4)
        box.appendBigEndian(segment, width: 8)
        box.appendBigEndian(0, width: 8)
        box.appendBigEndian(1 << 16, width: 4)
        return box
    }

    private static func resize(_ bytes: inout [UInt8], box: ISOBMFFBox, by added: Int) -> Bool {
        let size = box.end - box.offset + added
        if box.headerSize == 16 {
            bytes.putBigEndian(UInt64(size), at: box.offset + 8, width: 8)
        } else {
            guard size <= Int(UInt32.max) else { return false }
            bytes.putBigEndian(UInt64(size), at: box.offset, width: 4)
        }
        return true
    }
}
