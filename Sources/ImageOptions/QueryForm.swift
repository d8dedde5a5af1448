import MediaFormats

/// The simple query form, as imgix and Imagizer users write it: `/{path or source URL}?w=&h=&fit=&crop=&q=&fmt=&dpr=`
/// (and `s=`, its signature), read into the same typed options as the other dialects.
///
/// - `w`, `h`: the size in pixels (0 or absent: from the other side and the aspect ratio).
/// - `fit`: `clip` (the default: inside the box, enlarging if needed), `max` (inside, never enlarged), `crop` (filled
///   and cropped), `scale` (stretched to the box), `fill` (inside, then extended to the box).
/// - `crop`: where `fit=crop` crops: `top`, `bottom`, `left`, `right` (two may be combined), `center`, or
///   `entropy`, `edges`, `faces` (the most interesting region).
/// - `q`: quality 1-100; `fmt`: `jpg`, `png`, `webp`, `avif`, `gif`; `dpr`: 0.01-8.
///
/// Any other parameter is refused, never ignored. The source is a path under the local root, or an `http(s)` URL
/// (percent-encoded when it has a query of its own).
public enum QueryForm {
    /// The source, the options and the signature (`s`, if any) of a path and its query.
    public static func parse(path: some StringProtocol, query: some StringProtocol) throws
        -> (source: String, options: ProcessingOptions, signature: String?) {
        var options = ProcessingOptions()
        var signature: String?
        var fit = "clip"
        var crop: String?
        for (name, value) in try pairs(query) {
            switch name {
            case "w": options.width = try size(value, name)
            case "h": options.height = try size(value, name)
            case "fit": fit = value
            case "crop": crop = value
            case "q":
                guard let quality = Int(value), (1...100).contains(quality) else { throw OptionsError.invalidArgument(name, value) }
                options.quality = quality
            case "fmt":
                guard let format = ImageFormat(extension: value), format.isOutput else { throw OptionsError.unsupportedFormat(value) }
                options.format = format
            case "dpr":
                guard let dpr = Double(value), dpr.isFinite, (0.01...8).contains(dpr) else { throw OptionsError.invalidArgument(name, value) }
                options.dpr = dpr
            case "s": signature = value
            default: throw OptionsError.unknownOption(name)
            }
        }
        switch fit {
        case "clip": (options.resizingType, options.enlarge) = (.fit, true)
        case "max": options.resizingType = .fit
        case "crop": (options.resizingType, options.enlarge) = (.fill, true)
        case "scale": (options.resizingType, options.enlarge) = (.force, true)
        case "fill": (options.resizingType, options.enlarge, options.extend) = (.fit, true, true)
        default: throw OptionsError.invalidArgument("fit", fit)
        }
        if let crop {
            guard fit == "crop" else { throw OptionsError.invalidArgument("crop", "needs fit=crop") }
            options.gravity = try gravity(crop)
        }
        return (try source(path), options, signature)
    }

    /// What a signature covers: the path and the query without `s`, its parameters sorted (`/path?a=1&b=2`).
    public static func signedText(path: some StringProtocol, query: some StringProtocol) -> String {
        var kept: [String] = []
        for pair in query.split(separator: "&") where !pair.hasPrefix("s=") { kept.append(String(pair)) }
        kept.sort()
        let trimmed = String(Substring(path).unicodeScalars.drop { $0 == "/" })
        return kept.isEmpty ? "/" + trimmed : "/" + trimmed + "?" + kept.joined(separator: "&")
    }

    private static func pairs(_ query: some StringProtocol) throws -> [(String, String)] {
        var seen: Set<String> = []
        return try query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard parts.count == 2, let value = PercentEncoding.decode(parts[1]) else {
                throw OptionsError.invalidArgument(name, pair)
            }
            guard seen.insert(name).inserted else { throw OptionsError.invalidArgument(name, "given twice") }
            return (name, value)
        }
    }

    private static func size(_ value: String, _ name: String) throws -> Int {
        guard let size = Int(value), (0...ProcessingOptions.maxSide).contains(size) else { throw OptionsError.invalidArgument(name, value) }
        return size
    }

    private static func gravity(_ text: String) throws -> Gravity {
        let words = Set(text.split(separator: ",").map(String.init))
        if !words.isDisjoint(with: ["entropy", "edges", "faces"]) { return .smart }
        let vertical = words.contains("top") ? 0 : words.contains("bottom") ? 2 : 1
        let horizontal = words.contains("left") ? 0 : words.contains("right") ? 2 : 1
        guard words.isSubset(of: ["top", "bottom", "left", "right", "center"]),
              !(words.contains("top") && words.contains("bottom")), !(words.contains("left") && words.contains("right")) else {
            throw OptionsError.invalidArgument("crop", text)
        }
        return .anchor(Gravity.Anchor(column: horizontal, row: vertical))
    }

    private static func source(_ path: some StringProtocol) throws -> String {
        // Scalars: a `/` followed by a combining mark is still a slash.
        let trimmed = String(Substring(path).unicodeScalars.drop { $0 == "/" })
        guard !trimmed.isEmpty, let decoded = PercentEncoding.decode(trimmed) else { throw OptionsError.missingSource }
        // Leading slashes of a local path mean nothing, encoded (`%2F`) or not.
        return try SourceReference.url(decoded)
    }
}
