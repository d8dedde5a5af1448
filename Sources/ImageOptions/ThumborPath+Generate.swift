extension ThumborPath {
    /// The path without its signature, as libthumbor writes it (no leading `/`): what a signature is made over.
    /// When the image's first segment would read as a part left out (`300x200/...`, `left/...`), the size and
    /// alignments are written out (`0x0`, `center`, `middle`), which mean what leaving them out means.
    public func unsignedPath() -> String {
        let plain = unsignedPath(explicit: false)
        guard (try? ThumborPath(parsing: "/s/" + plain).withSignature(signature)) != self else { return plain }
        return unsignedPath(explicit: true)
    }

    /// Whether the image's first segment can only be read as a part of the grammar (`smart`, or a `filters:`
    /// list) that this path does not have: thumbor's grammar cannot write such a path unambiguously.
    public var imageIsAmbiguous: Bool {
        let first = image.unicodeScalars.prefix { $0 != "/" }
        return (!smart && String(first) == "smart")
            || (filters.isEmpty && image.unicodeScalars.starts(with: "filters:".unicodeScalars)
                && image.unicodeScalars.contains(")") && image.unicodeScalars.contains("/"))
    }

    private func withSignature(_ signature: String) -> ThumborPath {
        var copy = self
        copy.signature = signature
        return copy
    }

    private func unsignedPath(explicit: Bool) -> String {
        var parts: [String] = []
        if meta { parts.append("meta") }
        if let trim {
            var text = "trim"
            if trim.corner != .topLeft || trim.tolerance != 0 { text += ":" + trim.corner.rawValue }
            if trim.tolerance != 0 { text += ":\(trim.tolerance)" }
            parts.append(text)
        }
        if let crop { parts.append("\(crop.left)x\(crop.top):\(crop.right)x\(crop.bottom)") }
        switch fit {
        case .crop: break
        case .fitIn(let adaptive): parts.append(adaptive ? "adaptive-fit-in" : "fit-in")
        case .fullFitIn(let adaptive): parts.append(adaptive ? "adaptive-full-fit-in" : "full-fit-in")
        }
        if explicit || width != .proportional || height != .proportional || flipHorizontally || flipVertically {
            parts.append("\(flipHorizontally ? "-" : "")\(Self.text(width))x\(flipVertically ? "-" : "")\(Self.text(height))")
        }
        if explicit || horizontalAlign != .center { parts.append(horizontalAlign.rawValue) }
        if explicit || verticalAlign != .middle { parts.append(verticalAlign.rawValue) }
        if smart { parts.append("smart") }
        if !filters.isEmpty { parts.append("filters:" + filters.map(\.generated).joined(separator: ":")) }
        parts.append(image)
        return parts.joined(separator: "/")
    }

    /// The whole path: `/{signature}/{unsigned path}`.
    public func generated() -> String { "/" + signature + "/" + unsignedPath() }

    private static func text(_ dimension: Dimension) -> String {
        switch dimension {
        case .proportional: "0"
        case .pixels(let value): String(value)
        case .original: "orig"
        }
    }
}
