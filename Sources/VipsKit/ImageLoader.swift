/// One of the libvips buffer loaders MediaProxy lets run; every other loader is blocked at start-up.
public enum ImageLoader: String, Sendable, Hashable, CaseIterable {
    case jpeg = "jpegload_buffer"
    case png = "pngload_buffer"
    case webp = "webpload_buffer"
    case gif = "gifload_buffer"
    case tiff = "tiffload_buffer"
    /// HEIF and AVIF through libheif; with no page given, libvips loads the primary item.
    case heif = "heifload_buffer"
    case svg = "svgload_buffer"
    /// JPEG XL through libjxl (the first frame of an animation).
    case jxl = "jxlload_buffer"

    /// Whether the loader can stream rows top to bottom (`access=sequential`).
    var streamsRows: Bool { self == .jpeg || self == .png || self == .webp || self == .tiff }
}

/// How a loader decodes: typed options that VipsKit turns into the loader's own.
public struct LoadOptions: Sendable, Hashable {
    /// Rows are read once, top to bottom (less memory, no random access); honoured by the loaders that stream.
    public var sequential = false
    /// Refuse truncated data instead of rendering what could be read.
    public var failOnTruncated = false
    /// Shrink while decoding by this power of two (JPEG DCT scaling, WebP scaled decoding); 1 for none.
    public var shrink = 1
    /// SVG render scale.
    public var renderScale = 1.0
    /// Every frame of a GIF or WebP, stacked top to bottom (libvips' `n=-1`), instead of the first.
    public var allFrames = false
    /// Let the JPEG loader apply the EXIF orientation itself (the pipeline orients in its own step).
    public var autorotate = false
    /// Decode the thumbnail a HEIF or AVIF file embeds (libvips loads the primary image when there is none).
    public var embeddedThumbnail = false

    /// Default options: random access, truncated data rendered, no shrink, first frame, no rotation.
    public init(sequential: Bool = false, failOnTruncated: Bool = false, shrink: Int = 1, renderScale: Double = 1,
                allFrames: Bool = false, autorotate: Bool = false) {
        self.sequential = sequential
        self.failOnTruncated = failOnTruncated
        self.shrink = shrink
        self.renderScale = renderScale
        self.allFrames = allFrames
        self.autorotate = autorotate
    }

    /// libvips' option string for `loader`: only options that loader knows, first page or frame only.
    func optionString(for loader: ImageLoader) -> String {
        var options: [String] = []
        if failOnTruncated { options.append("fail_on=truncated") }
        switch loader {
        case .jpeg:
            if shrink > 1 { options.append("shrink=\(shrink)") }
            options.append("autorotate=\(autorotate)")
        case .webp:
            if shrink > 1 { options.append("scale=\(1 / Double(shrink))") }
            if allFrames { options.append("n=-1") }
        case .gif:
            options.append(allFrames ? "n=-1" : "n=1")
        case .tiff:
            options.append("page=0")
        case .svg:
            options.append("scale=\(renderScale)")
            options.append("unlimited=false")
        case .heif:
            if embeddedThumbnail { options.append("thumbnail=true") }
        case .png, .jxl:
            break
        }
        if sequential, loader.streamsRows { options.append("access=sequential") }
        return options.joined(separator: ",")
    }
}
