import ImageOptions
import MediaFormats

/// AVIF, HEIC and MP4: `ftyp` brands, then the primary item's properties (`ispe`, `pixi`, `colr`, `irot`) or
/// the first video track's sample count.
enum ISOBMFFProbe {
    private static let alphaURNs: Set<String> = ["urn:mpeg:mpegB:cicp:systems:auxiliary:alpha", "urn:mpeg:hevc:2015:auxid:1"]

    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        let top = try ISOBMFFBox.children(of: bytes, in: 0..<bytes.count)
        guard let ftyp = top.first, ftyp.type == "ftyp", ftyp.end - ftyp.start >= 8 else {
            throw ProbeError.unknownFormat
        }
        var reader = ByteReader(bytes, offset: ftyp.start)
        var brands = [try reader.fourCC()]
        try reader.skip(4)
        while reader.offset + 4 <= ftyp.end { brands.append(try reader.fourCC()) }
        let isSequence = brands.contains("avis") || brands.contains("msf1") || brands.contains("heis")
        // Which brands mean AVIF or HEIF is decided in one place: ImageFormat.sniff.
        if let format = ImageFormat.sniff(bytes), format == .avif || format == .heic {
            return try probeImage(bytes, boxes: top, format: format, sequence: isSequence)
        }
        var info = ImageInfo(format: .mp4, width: 0, height: 0)
        if let track = try firstVideoTrack(bytes, boxes: top) {
            info.width = track.width
            info.height = track.height
            info.frames = track.samples
        }
        return info
    }

    private static func probeImage(_ bytes: UnsafeRawBufferPointer, boxes: [ISOBMFFBox], format: ImageFormat,
                                   sequence: Bool) throws -> ImageInfo {
        var info = ImageInfo(format: format, width: 0, height: 0)
        if let meta = boxes.first(where: { $0.type == "meta" }) {
            try readMeta(bytes, meta: meta, into: &info)
        }
        if sequence, let track = try firstVideoTrack(bytes, boxes: boxes) {
            if info.width == 0 {
                info.width = track.width
                info.height = track.height
            }
            info.frames = max(track.samples, 1)
            info.animated = track.samples > 1
            if track.hasAlphaTrack { info.hasAlpha = true }
            // Without an edit list players loop a sequence forever.
            info.loopCount = AVIFRepetition.plays(in: bytes) ?? 0
        }
        guard info.width > 0, info.height > 0 else { throw ProbeError.malformed("no image size in the container") }
        return info
    }

    private static func readMeta(_ bytes: UnsafeRawBufferPointer, meta: ISOBMFFBox, into info: inout ImageInfo) throws {
        let children = try ISOBMFFBox.children(of: bytes, in: meta.fullBoxPayload)
        var primary: Int?
        if let pitm = children.first(where: { $0.type == "pitm" }) {
            var reader = ByteReader(bytes, offset: pitm.start)
            let version = try reader.u8()
            try reader.skip(3)
            primary = version == 0 ? Int(try reader.u16()) : Int(try reader.u32())
        }
        guard let iprp = children.first(where: { $0.type == "iprp" }) else { return }
        let iprpChildren = try ISOBMFFBox.children(of: bytes, in: iprp.start..<iprp.end)
        guard let ipco = iprpChildren.first(where: { $0.type == "ipco" }) else { return }
        let properties = try ISOBMFFBox.children(of: bytes, in: ipco.start..<ipco.end)
        for property in properties where property.type == "auxC" {
            var reader = ByteReader(bytes, offset: property.start + 4)
            let urn = String(decoding: try reader.bytes(max(0, property.end - reader.offset)).prefix { $0 != 0 }, as: UTF8.self)
            if alphaURNs.contains(urn) { info.hasAlpha = true }
        }
        var associated = Array(properties.indices)
        if let primary, let ipma = iprpChildren.first(where: { $0.type == "ipma" }) {
            associated = try associations(bytes, ipma: ipma, item: primary).filter { properties.indices.contains($0) }
        }
        var rotation = 0
        var clean: (width: Int, height: Int)?
        for index in associated {
            let property = properties[index]
            var reader = ByteReader(bytes, offset: property.start)
            switch property.type {
            case "ispe" where info.width == 0:
                try reader.skip(4)
                info.width = Int(try reader.u32())
                info.height = Int(try reader.u32())
            case "pixi":
                try reader.skip(4)
                if try reader.u8() > 0 { info.bitDepth = Int(try reader.u8()) }
            case "colr":
                let kind = try reader.fourCC()
                if kind == "prof" || kind == "rICC" { info.hasICCProfile = true }
                if kind == "nclx" {
                    try reader.skip(2)
                    info.hdrTransfer = HDRTransfer(codePoint: Int(try reader.u16()))
                }
            case "irot":
                rotation = Int(try reader.u8() & 3)
            case "clap":
                let widthN = Int(try reader.u32()), widthD = Int(try reader.u32())
                let heightN = Int(try reader.u32()), heightD = Int(try reader.u32())
                if widthD > 0, heightD > 0, widthN > 0, heightN > 0 {
                    clean = (widthN / widthD, heightN / heightD)
                }
            default:
                break
            }
        }
        if let clean, clean.width <= info.width, clean.height <= info.height {
            (info.width, info.height) = clean
        }
        if rotation % 2 == 1 { swap(&info.width, &info.height) }
    }

    /// Property indices (0-based) associated with `item` in an `ipma` box.
    private static func associations(_ bytes: UnsafeRawBufferPointer, ipma: ISOBMFFBox, item: Int) throws -> [Int] {
        var reader = ByteReader(bytes, offset: ipma.start)
        let version = try reader.u8()
        let flags = try reader.u24()
        let entries = Int(try reader.u32())
        for _ in 0..<min(entries, 100_000) {
            let id = version < 1 ? Int(try reader.u16()) : Int(try reader.u32())
            let count = Int(try reader.u8())
            var indices: [Int] = []
            for _ in 0..<count {
                let value = flags & 1 != 0 ? Int(try reader.u16() & 0x7FFF) : Int(try reader.u8() & 0x7F)
                if value > 0 { indices.append(value - 1) }
            }
            if id == item { return indices }
        }
        return []
    }

    private struct Track {
        var width = 0
        var height = 0
        var samples = 0
        var hasAlphaTrack = false
    }

    /// The first picture or video track of a `moov` box.
    private static func firstVideoTrack(_ bytes: UnsafeRawBufferPointer, boxes: [ISOBMFFBox]) throws -> Track? {
        guard let moov = boxes.first(where: { $0.type == "moov" }) else { return nil }
        var found: Track?
        var trackCount = 0
        for trak in try ISOBMFFBox.children(of: bytes, in: moov.start..<moov.end) where trak.type == "trak" {
            let trakChildren = try ISOBMFFBox.children(of: bytes, in: trak.start..<trak.end)
            guard let mdia = trakChildren.first(where: { $0.type == "mdia" }) else { continue }
            let mdiaChildren = try ISOBMFFBox.children(of: bytes, in: mdia.start..<mdia.end)
            guard let hdlr = mdiaChildren.first(where: { $0.type == "hdlr" }) else { continue }
            var reader = ByteReader(bytes, offset: hdlr.start + 8)
            let handler = try reader.fourCC()
            guard handler == "pict" || handler == "vide" || handler == "auxv" else { continue }
            trackCount += 1
            if found != nil { continue }
            var track = Track()
            if let tkhd = trakChildren.first(where: { $0.type == "tkhd" }) {
                var header = ByteReader(bytes, offset: tkhd.start)
                let version = try header.u8()
                try header.seek(to: tkhd.start + (version == 1 ? 88 : 76))
                track.width = Int(try header.u32() >> 16)
                track.height = Int(try header.u32() >> 16)
            }
            track.samples = try sampleCount(bytes, mdiaChildren: mdiaChildren) ?? 0
            found = track
        }
        found?.hasAlphaTrack = trackCount > 1
        return found
    }

    private static func sampleCount(_ bytes: UnsafeRawBufferPointer, mdiaChildren: [ISOBMFFBox]) throws -> Int? {
        guard let minf = mdiaChildren.first(where: { $0.type == "minf" }),
              let stbl = try ISOBMFFBox.children(of: bytes, in: minf.start..<minf.end).first(where: { $0.type == "stbl" }),
              let stsz = try ISOBMFFBox.children(of: bytes, in: stbl.start..<stbl.end).first(where: { $0.type == "stsz" })
        else { return nil }
        var reader = ByteReader(bytes, offset: stsz.start + 8)
        return Int(try reader.u32())
    }
}
