import MediaFormats

extension QueryForm {
    /// The path (after the prefix, leading `/`) and the sorted query that ask for `source` with `options`; nil
    /// when the options say more than the query form can (`parse(generate(x)) == x` for everything else).
    public static func generate(source: String, options: ProcessingOptions) -> (path: String, query: String)? {
        guard let fit = fitName(options) else { return nil }
        var parameters: [String] = []
        if fit != "clip" { parameters.append("fit=" + fit) }
        if fit == "crop", options.gravity != .center {
            guard let crop = cropWords(options.gravity) else { return nil }
            parameters.append("crop=" + crop)
        }
        if options.width > 0 { parameters.append("w=\(options.width)") }
        if options.height > 0 { parameters.append("h=\(options.height)") }
        if options.quality > 0 { parameters.append("q=\(options.quality)") }
        if let format = options.format { parameters.append("fmt=" + format.rawValue) }
        if options.dpr != 1 { parameters.append("dpr=" + ProcessingOptions.number(options.dpr)) }
        // Everything the query form reads, back at its defaults, must leave the defaults.
        var rest = options
        (rest.resizingType, rest.enlarge, rest.extend, rest.gravity) = (.fit, false, false, .center)
        (rest.width, rest.height, rest.quality, rest.format, rest.dpr) = (0, 0, 0, nil, 1)
        guard rest == ProcessingOptions() else { return nil }
        let path: String
        // Scalars, not characters: the local path may begin with a combining mark.
        let local = "local:///".unicodeScalars
        if source.unicodeScalars.starts(with: local) {
            let relative = Substring(source.unicodeScalars.dropFirst(local.count))
            path = "/" + PercentEncoding.encode(relative, allowing: Set("/".utf8))
        } else if source.hasPrefix("http://") || source.hasPrefix("https://") || source.hasPrefix("s3://") {
            path = "/" + PercentEncoding.encode(source)
        } else {
            return nil
        }
        return (path, parameters.sorted().joined(separator: "&"))
    }

    private static func fitName(_ options: ProcessingOptions) -> String? {
        switch (options.resizingType, options.enlarge, options.extend) {
        case (.fit, true, false): "clip"
        case (.fit, false, false): "max"
        case (.fill, true, false): "crop"
        case (.force, true, false): "scale"
        case (.fit, true, true) where options.extendGravity == .center: "fill"
        default: nil
        }
    }

    private static func cropWords(_ gravity: Gravity) -> String? {
        switch gravity {
        case .smart:
            return "entropy"
        case let .anchor(anchor, 0, 0):
            var words: [String] = []
            if anchor.verticalFraction == 0 { words.append("top") }
            if anchor.verticalFraction == 1 { words.append("bottom") }
            if anchor.horizontalFraction == 0 { words.append("left") }
            if anchor.horizontalFraction == 1 { words.append("right") }
            return words.isEmpty ? "center" : words.joined(separator: ",")
        default:
            return nil
        }
    }
}
