extension ThumborPath {
    /// thumbor's `watermark(url,x,y,alpha[,w_ratio,h_ratio])`: the mark's source (a URL, plain or
    /// percent-encoded, or a path under the local root); x and y as pixels from the left/top, negative from the
    /// right/bottom, `Np` for percent of the result's side, `center` or `repeat`; alpha as transparency 0-100;
    /// the ratios as percent of the result the mark may take (`none` leaves a side free).
    static func watermark(_ arguments: [String]) throws -> WatermarkOptions {
        func invalid() -> OptionsError { OptionsError.invalidArgument("watermark", arguments.joined(separator: ",")) }
        guard !arguments[0].isEmpty else { throw invalid() }
        let source = try sourceURL(arguments[0])
        guard let horizontal = axis(arguments[1]), let vertical = axis(arguments[2]),
              let transparency = Double(arguments[3]), (0...100).contains(transparency) else { throw invalid() }
        func ratio(_ index: Int) throws -> Double {
            guard index < arguments.count, arguments[index] != "none" else { return 0 }
            guard let percent = Double(arguments[index]), (0...100).contains(percent) else { throw invalid() }
            return percent / 100
        }
        return WatermarkOptions(source: source, opacity: 1 - transparency / 100, horizontal: horizontal,
                                vertical: vertical, widthRatio: try ratio(4), heightRatio: try ratio(5))
    }

    private static func axis(_ text: String) -> WatermarkOptions.Axis? {
        switch text {
        case "center": return WatermarkOptions.Axis(edge: .centre)
        case "repeat": return WatermarkOptions.Axis(edge: .repeated)
        default:
            var digits = Substring(text)
            let fromEnd = digits.hasPrefix("-")
            if fromEnd { digits = digits.dropFirst() }
            let percent = digits.hasSuffix("p")
            if percent { digits = digits.dropLast() }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits), value <= 100_000 else { return nil }
            return WatermarkOptions.Axis(edge: fromEnd ? .end : .start, offset: Double(value), offsetIsPercent: percent)
        }
    }
}
