import ImageOptions

/// Identifies one variant: the source's identity and everything that changes the bytes (all options, the
/// negotiated format). Both parts are SHA-256 hex, so they are safe as file names.
struct CacheKey: Hashable, Sendable {
    /// Hash of the source URL (all variants of one source share it, for purging).
    let source: String
    /// Hash of the source URL, the canonical options and the output format decision.
    let variant: String

    init(source url: String, options: ProcessingOptions, negotiatedFormat: ImageFormat?) {
        source = Self.hex(Array(url.utf8))
        var canonical = options
        canonical.presets = []
        let text = "v1\n\(url)\n\(canonical.generated())\n\(negotiatedFormat?.rawValue ?? "auto")\n\(options.format?.rawValue ?? "-")"
        variant = Self.hex(Array(text.utf8))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(bytes).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }
}
