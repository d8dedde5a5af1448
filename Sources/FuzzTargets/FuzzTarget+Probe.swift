import ImagePipeline
import MediaFormats

extension FuzzTarget {
    /// Sniffing and the header probe of every format (our own readers; FFmpeg's demuxer for videos, libavif
    /// for sequences' timings) on arbitrary bytes. A header read must describe a non-empty image.
    static let probe = FuzzTarget(name: "probe") { bytes in
        let data = [UInt8](bytes)
        let sniffed = ImageFormat.sniff(data)
        guard let info = try? FuzzProcessor.shared.probe(data) else { return false }
        try require(info.format == sniffed, "probed as \(info.format), sniffed as \(String(describing: sniffed))")
        try require(info.width > 0 && info.height > 0 && info.frames > 0,
                    "probed \(info.format) as \(info.width)x\(info.height), \(info.frames) frames")
        if let delays = info.frameDelays {
            try require(delays.count == info.frames && delays.allSatisfy { $0 >= 0 },
                        "\(info.frames) frames with delays \(delays.prefix(8))")
        }
        return true
    }
}
