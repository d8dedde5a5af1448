import ImageOptions
import MediaFormats

/// Identifies one variant: the source's identity and everything that changes the bytes (all options, the
/// negotiated format).
///
/// Memory lookups hash the canonical text directly; the SHA-256 names used for files (safe as file names, and
/// shared by all variants of one source for purging) are computed only when the disk tier is involved.
struct CacheKey: Hashable, Sendable {
    /// The source URL.
    let sourceURL: String
    /// Canonical options and format decision.
    let canonical: String

    init(source url: String, options: ProcessingOptions, negotiatedFormat: ImageFormat?) {
        sourceURL = url
        var canonical = options
        canonical.presets = []
        self.canonical = "v1\n\(canonical.generated())\n\(negotiatedFormat?.rawValue ?? "auto")\n\(options.format?.rawValue ?? "-")"
    }

    /// SHA-256 hex of the source URL: the folder of all its variants.
    var source: String { ContentDigest.hex(of: sourceURL) }
    /// SHA-256 hex of the whole key: the file name.
    var variant: String { ContentDigest.hex(of: sourceURL + "\n" + canonical) }
}
