/// An image or video container format, named as in URLs (`jpg`, `png`, ...).
public enum ImageFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case jpeg = "jpg"
    case png
    case webp
    case avif
    case gif
    case heic
    case tiff
    case svg
    case mp4
    case webm
    /// JPEG XL (still; an animated file reads as its first frame).
    case jxl
    /// Animated PNG as an output: a PNG source is sniffed as `png` and says whether it is animated.
    case apng

    /// Formats the encoder can write.
    public static let outputFormats: [ImageFormat] = [.jpeg, .png, .webp, .avif, .gif, .jxl, .apng]

    /// Parses a URL extension or format name (`jpg`, `jpeg`, `png`, `tif`, `heif`, ...), case-insensitively.
    public init?(extension name: some StringProtocol) {
        switch name.lowercased() {
        case "jpg", "jpeg", "jpe", "jfif": self = .jpeg
        case "png": self = .png
        case "apng": self = .apng
        case "jxl": self = .jxl
        case "webp": self = .webp
        case "avif", "avifs": self = .avif
        case "gif": self = .gif
        case "heic", "heif", "heics", "heifs": self = .heic
        case "tif", "tiff": self = .tiff
        case "svg", "svgz": self = .svg
        case "mp4", "m4v", "mov": self = .mp4
        case "webm", "mkv": self = .webm
        default: return nil
        }
    }

    /// Whether MediaProxy can encode this format.
    public var isOutput: Bool { Self.outputFormats.contains(self) }

    /// Whether the format can carry an alpha channel on output.
    public var supportsAlpha: Bool { [.png, .apng, .webp, .avif, .gif, .jxl].contains(self) }

    /// Whether the format holds an animation on output from any animated source (`png` does only from an
    /// animated PNG; `apng` from any).
    public var supportsAnimation: Bool { [.gif, .webp, .avif, .apng].contains(self) }

    /// The MIME type for HTTP answers.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        // An animated PNG is a PNG: viewers without APNG show its first frame.
        case .png, .apng: "image/png"
        case .jxl: "image/jxl"
        case .webp: "image/webp"
        case .avif: "image/avif"
        case .gif: "image/gif"
        case .heic: "image/heic"
        case .tiff: "image/tiff"
        case .svg: "image/svg+xml"
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        }
    }
}
