extension ThumborPath {
    /// The path without its signature, as libthumbor writes it (no leading `/`): what a signature is made over.
    public func unsignedPath() -> String {
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
        if width != .proportional || height != .proportional || flipHorizontally || flipVertically {
            parts.append("\(flipHorizontally ? "-" : "")\(Self.text(width))x\(flipVertically ? "-" : "")\(Self.text(height))")
        }
        if horizontalAlign != .center { parts.append(horizontalAlign.rawValue) }
        if verticalAlign != .middle { parts.append(verticalAlign.rawValue) }
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
