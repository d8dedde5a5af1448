import ImageOptions
import MediaFormats

/// An encoded result.
public struct ProcessedImage: Sendable, Hashable {
    public let bytes: [UInt8]
    public let format: ImageFormat
    public let width: Int
    public let height: Int
    /// Frames in the result (1 for a still image).
    public var frames: Int = 1
    /// Where the time went.
    public let timings: PipelineTimings
}

/// Time spent decoding and processing (libvips evaluates lazily, so most decode work lands in `encode`), and
/// encoding.
public struct PipelineTimings: Sendable, Hashable {
    public let process: Duration
    public let encode: Duration
}

extension ProcessedImage {
    /// A source answered as it came (`raw:`, `skp:`): not decoded, so its size is not known (0).
    public init(passingThrough bytes: [UInt8], format: ImageFormat) {
        self.init(bytes: bytes, format: format, width: 0, height: 0, timings: PipelineTimings(process: .zero, encode: .zero))
    }
}
