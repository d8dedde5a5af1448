import CWebPAnim

/// Animated WebP through libwebp's animation encoder (it keeps only the changed rectangle of each frame).
final class WebPFrameEncoder: FrameEncoder {
    private let encoder: OpaquePointer
    /// The previous frame: libwebp merges a frame identical to the one before into its duration, which would
    /// change the frame count, so a repeat is nudged by one level in one opaque pixel and encoded losslessly.
    private var previous: [UInt8] = []
    /// Lossless frames from palette sources: pixels that did not visibly change keep the shown colour.
    private var keeper: ShownColourKeeper?

    init(_ settings: FrameEncoderSettings) throws {
        let tolerance = settings.losslessWebP ? settings.encoder.animatedWebPTolerance : 0
        keeper = tolerance > 0 ? ShownColourKeeper(tolerance: tolerance, width: settings.width) : nil
        let loops = Int32(clamping: settings.plays)
        encoder = try FrameEncoders.make(format: "webp", width: settings.width, height: settings.height) {
            mp_webp_encoder_new(Int32(settings.width), Int32(settings.height), loops, Int32(settings.quality),
                                settings.losslessWebP ? 1 : 0, Int32(settings.encoder.webpEffort), &$0)
        }
    }

    func add(_ rgba: [UInt8], delay: Int, palette: FramePalette?) throws {
        var frame = rgba
        keeper?.apply(to: &frame, shown: previous)
        let repeated = frame == previous
        if repeated { Self.nudge(&frame) }
        previous = frame
        try FrameEncoders.add(format: "webp") {
            mp_webp_encoder_add(encoder, frame, Int32(clamping: delay), repeated ? 1 : 0, &$0)
        }
    }

    func finish() throws -> [UInt8] {
        try FrameEncoders.finish(format: "webp") { mp_webp_encoder_finish(encoder, &$0, &$1, &$2) }
    }

    /// Changes the blue of the first opaque pixel by one level (or makes one transparent pixel barely visible).
    static func nudge(_ frame: inout [UInt8]) {
        var index = 0
        while index < frame.count {
            if frame[index + 3] == 255 {
                frame[index + 2] = frame[index + 2] == 255 ? 254 : frame[index + 2] + 1
                return
            }
            index += 4
        }
        if !frame.isEmpty { frame[3] = frame[3] == 0 ? 1 : frame[3] - 1 }
    }

    deinit { mp_webp_encoder_free(encoder) }
}
