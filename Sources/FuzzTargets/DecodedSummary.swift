import CCodecSupport

/// What decoding a whole file gave: its canvas and how many frames came out before the end or an error.
struct DecodedSummary: Equatable {
    var width: Int
    var height: Int
    var frames: Int
    /// The decoder stopped on an error rather than at the end.
    var failed: Bool
}

extension DecodedSummary {
    /// Reads frames from `next` (a codec's `_next` call: 1 with a frame, 0 at the end, -1 on an error) until it
    /// stops, reading every byte of each (`FuzzCodec.touch`) and handing a copy of its pixels to `eachFrame`.
    init(width: Int32, height: Int32, eachFrame: (([UInt8]) -> Void)? = nil, next: (inout mp_frame) -> Int32) {
        self.init(width: Int(width), height: Int(height), frames: 0, failed: false)
        var frame = mp_frame()
        while true {
            let status = next(&frame)
            guard status == 1 else {
                failed = status < 0
                return
            }
            frames += 1
            FuzzCodec.touch(frame)
            if let eachFrame, let pixels = frame.pixels {
                eachFrame(Array(UnsafeBufferPointer(start: pixels, count: FuzzCodec.byteCount(frame))))
            }
        }
    }
}
