import ImageOptions
import MediaFormats

/// What a header says about an image, read without decoding pixels.
public struct ImageInfo: Sendable, Hashable, Codable {
    public var format: ImageFormat
    /// Stored width (before EXIF orientation).
    public var width: Int
    /// Stored height (before EXIF orientation).
    public var height: Int
    /// Frames (pages) in the file; 1 for a still image.
    public var frames: Int = 1
    /// Whether the file is an animation (more than one frame meant to be played).
    public var animated: Bool = false
    public var hasAlpha: Bool = false
    /// EXIF orientation 1-8 (1 = as stored).
    public var orientation: Int = 1
    /// Bits per channel.
    public var bitDepth: Int = 8
    public var colorSpace: ColorSpace = .srgb
    public var hasICCProfile: Bool = false
    /// Animation loop count (0 = forever), when the file says.
    public var loopCount: Int?
    /// Per-frame delays in milliseconds, when the file says.
    public var frameDelays: [Int]?
    /// The high-dynamic-range transfer function the file declares (AVIF/HEIF `nclx`), nil for SDR.
    public var hdrTransfer: HDRTransfer?
    /// Total play time of one loop in milliseconds (the sum of the frame delays), when known.
    public var duration: Int?
    /// Codec, duration and rotation of a video source.
    public var video: VideoInfo?
    /// The largest single frame, in pixels, when frames can be smaller or larger than the canvas (GIF, WebP); for a
    /// GIF frame placed outside the screen, the screen grown to hold it (what a decoder may allocate).
    public var largestFramePixels: Int?

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Whether the orientation swaps width and height (5-8).
    public var orientationSwapsAxes: Bool { (5...8).contains(orientation) }
    /// Width as displayed, after orientation.
    public var displayWidth: Int { orientationSwapsAxes ? height : width }
    /// Height as displayed, after orientation.
    public var displayHeight: Int { orientationSwapsAxes ? width : height }
    /// Pixels in one frame.
    public var framePixels: Int { width.multipliedReportingOverflow(by: height).overflow ? .max : width * height }
}
