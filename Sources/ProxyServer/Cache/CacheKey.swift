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
    /// Hash of both, computed once: a memory hit looks the key up several times.
    private let precomputedHash: Int

    init(source url: String, options: ProcessingOptions, negotiatedFormat: ImageFormat?, animationFormat: ImageFormat? = nil) {
        sourceURL = url
        var canonical = options
        canonical.presets = []
        let negotiated = (negotiatedFormat?.rawValue ?? "auto") + (animationFormat.map { "+\($0.rawValue)" } ?? "")
        self.canonical = "v1\n\(canonical.generated())\n\(negotiated)\n\(options.format?.rawValue ?? "-")"
        precomputedHash = Self.combined(sourceURL, self.canonical)
    }

    private static func combined(_ sourceURL: String, _ canonical: String) -> Int {
        var hasher = Hasher()
        hasher.combine(sourceURL)
        hasher.combine(canonical)
        return hasher.finalize()
    }

    static func == (left: CacheKey, right: CacheKey) -> Bool {
        left.precomputedHash == right.precomputedHash && left.sourceURL == right.sourceURL && left.canonical == right.canonical
    }

    func hash(into hasher: inout Hasher) { hasher.combine(precomputedHash) }

    /// SHA-256 hex of the source URL: the folder of all its variants.
    var source: String { ContentDigest.hex(of: sourceURL) }
    /// SHA-256 hex of the whole key: the file name.
    var variant: String { ContentDigest.hex(of: sourceURL + "\n" + canonical) }
}
