import Foundation
import ImageOptions
import MediaFormats

/// Picks JPEG XL, AVIF or WebP (in that order, each only when turned on) from a request's Accept header when the
/// options name no format. JPEG XL is answered for stills only: the plan gives an animated source its own format.
struct FormatNegotiation {
    let autoJXL: Bool
    let autoAVIF: Bool
    let autoWebP: Bool

    init(autoJXL: Bool = false, autoAVIF: Bool, autoWebP: Bool) {
        self.autoJXL = autoJXL
        self.autoAVIF = autoAVIF
        self.autoWebP = autoWebP
    }

    /// Whether the answer depends on Accept (so it must carry `Vary: Accept`).
    func varies(_ options: ProcessingOptions) -> Bool { options.format == nil && (autoJXL || autoAVIF || autoWebP) }

    /// The negotiated format, or nil to keep the pipeline's default (the source's own format).
    func format(for options: ProcessingOptions, accept: String?) -> ImageFormat? {
        guard options.format == nil, let accept else { return nil }
        let accepted = Self.mediaTypes(accept)
        if autoJXL, accepted.contains("image/jxl") { return .jxl }
        return animationFormat(accepted)
    }

    /// The format for an animated source when JPEG XL was negotiated (it is answered for stills only).
    func animationFormat(for options: ProcessingOptions, accept: String?) -> ImageFormat? {
        guard options.format == nil, autoJXL, let accept else { return nil }
        let accepted = Self.mediaTypes(accept)
        return accepted.contains("image/jxl") ? animationFormat(accepted) : nil
    }

    private func animationFormat(_ accepted: Set<String>) -> ImageFormat? {
        if autoAVIF, accepted.contains("image/avif") { return .avif }
        if autoWebP, accepted.contains("image/webp") { return .webp }
        return nil
    }

    /// Media types with a non-zero q.
    static func mediaTypes(_ header: String) -> Set<String> {
        var types: Set<String> = []
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first, !type.isEmpty else { continue }
            let zero = parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0")
                && Double($0.split(separator: "=").last ?? "1") == 0 }
            if !zero { types.insert(type) }
        }
        return types
    }
}
