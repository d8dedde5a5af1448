extension ProcessingOptions {
    /// `wm:opacity:position:x_offset:y_offset:scale[:height_ratio]`, imgproxy's grammar with two additions for
    /// what thumbor's filter can say: offsets with a `p` suffix are percent of the result's side, and the
    /// positions `rex-ANCHOR` / `rey-ANCHOR` repeat along one axis only. `wm:0` turns the mark off.
    mutating func applyWatermark(_ args: OptionArguments) throws {
        try args.limit(6)
        guard let opacity = try args.double(0, in: 0...1), opacity > 0 else {
            if args.has(0) || args.isReset { watermark = nil }
            return
        }
        var mark = watermark ?? WatermarkOptions()
        mark.opacity = opacity
        if args.has(1) {
            guard let axes = Self.watermarkAxes(named: args.values[1]) else {
                throw OptionsError.invalidArgument(args.option, args.values[1])
            }
            (mark.horizontal.edge, mark.vertical.edge) = axes
        }
        if args.has(2) { (mark.horizontal.offset, mark.horizontal.offsetIsPercent) = try Self.offset(args, 2) }
        if args.has(3) { (mark.vertical.offset, mark.vertical.offsetIsPercent) = try Self.offset(args, 3) }
        if let scale = try args.double(4, in: 0...100) { mark.widthRatio = scale }
        if let ratio = try args.double(5, in: 0...100) { mark.heightRatio = ratio }
        watermark = mark
    }

    private static func offset(_ args: OptionArguments, _ index: Int) throws -> (Double, Bool) {
        var text = args.values[index]
        let percent = text.hasSuffix("p")
        if percent { text = text.dropLast() }
        guard let value = Double(text), value.isFinite, abs(value) <= 100_000 else {
            throw OptionsError.invalidArgument(args.option, args.values[index])
        }
        return (value, percent)
    }

    typealias Edges = (WatermarkOptions.Axis.Edge, WatermarkOptions.Axis.Edge)

    /// The edges a position name stands for.
    static func watermarkAxes(named name: Substring) -> Edges? {
        if name == "re" { return (.repeated, .repeated) }
        if name.hasPrefix("rex-"), let anchor = Gravity.Anchor(rawValue: String(name.dropFirst(4))) {
            return (.repeated, edges(of: anchor).1)
        }
        if name.hasPrefix("rey-"), let anchor = Gravity.Anchor(rawValue: String(name.dropFirst(4))) {
            return (edges(of: anchor).0, .repeated)
        }
        return Gravity.Anchor(rawValue: String(name)).map(edges(of:))
    }

    /// The position name of a pair of edges (the inverse of `watermarkAxes(named:)`).
    static func watermarkPositionName(_ horizontal: WatermarkOptions.Axis.Edge,
                                      _ vertical: WatermarkOptions.Axis.Edge) -> String {
        func place(_ edge: WatermarkOptions.Axis.Edge) -> Int { edge == .start ? 0 : edge == .end ? 2 : 1 }
        switch (horizontal, vertical) {
        case (.repeated, .repeated): return "re"
        case (.repeated, _): return "rex-" + Gravity.Anchor(column: 1, row: place(vertical)).rawValue
        case (_, .repeated): return "rey-" + Gravity.Anchor(column: place(horizontal), row: 1).rawValue
        default: return Gravity.Anchor(column: place(horizontal), row: place(vertical)).rawValue
        }
    }

    private static func edges(of anchor: Gravity.Anchor) -> Edges {
        func edge(_ fraction: Double) -> WatermarkOptions.Axis.Edge {
            fraction == 0 ? .start : fraction == 1 ? .end : .centre
        }
        return (edge(anchor.horizontalFraction), edge(anchor.verticalFraction))
    }

    static func watermarkSegments(_ mark: WatermarkOptions?) -> [String] {
        guard let mark else { return ["wm:0"] }
        func offset(_ axis: WatermarkOptions.Axis) -> String { number(axis.offset) + (axis.offsetIsPercent ? "p" : "") }
        var segments = ["wm:\(number(mark.opacity)):\(watermarkPositionName(mark.horizontal.edge, mark.vertical.edge))"
            + ":\(offset(mark.horizontal)):\(offset(mark.vertical)):\(number(mark.widthRatio)):\(number(mark.heightRatio))"]
        if let source = mark.source { segments.append("wmu:" + Base64URL.encode(Array(source.utf8))) }
        return segments
    }
}
