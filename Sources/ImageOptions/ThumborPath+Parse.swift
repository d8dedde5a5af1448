extension ThumborPath {
    /// Parses a request path (leading `/` optional, no query string): the signature segment, then each optional
    /// part in the grammar's order, each followed by `/`; what remains is the image.
    public init(parsing path: some StringProtocol) throws {
        // Scalars, not characters: a `/` followed by a combining mark is one grapheme but still a separator, as
        // the generator writes it.
        var rest = Substring(Substring(path).unicodeScalars.drop { $0 == "/" })
        guard let slash = rest.unicodeScalars.firstIndex(of: "/"), slash > rest.startIndex else {
            throw OptionsError.missingSource
        }
        self.init(signature: String(rest.unicodeScalars[..<slash]), image: "")
        rest = Substring(rest.unicodeScalars[rest.unicodeScalars.index(after: slash)...])
        /// The next segment, when a `/` ends it.
        func next() -> Substring? {
            rest.unicodeScalars.firstIndex(of: "/").map { Substring(rest.unicodeScalars[..<$0]) }
        }
        func consume(_ segment: Substring) {
            rest = Substring(rest.unicodeScalars[rest.unicodeScalars.index(after: segment.endIndex)...])
        }

        if let segment = next(), segment == "meta" { meta = true; consume(segment) }
        if let segment = next(), let trim = try Self.trim(segment) { self.trim = trim; consume(segment) }
        if let segment = next(), let crop = try Self.crop(segment) {
            self.crop = crop.left == 0 && crop.top == 0 && crop.right == 0 && crop.bottom == 0 ? nil : crop
            consume(segment)
        }
        if let segment = next(), let fit = Self.fit(segment) { self.fit = fit; consume(segment) }
        if let segment = next(), try parseDimensions(segment) { consume(segment) }
        if let segment = next(), let align = HorizontalAlign(rawValue: String(segment)) {
            horizontalAlign = align
            consume(segment)
        }
        if let segment = next(), let align = VerticalAlign(rawValue: String(segment)) {
            verticalAlign = align
            consume(segment)
        }
        if let segment = next(), segment == "smart" { smart = true; consume(segment) }
        let scalars = rest.unicodeScalars
        if scalars.starts(with: "filters:".unicodeScalars),
           let close = scalars.indices.first(where: { scalars[$0] == ")" && scalars.index(after: $0) < scalars.endIndex
                                                      && scalars[scalars.index(after: $0)] == "/" }) {
            let listStart = scalars.index(scalars.startIndex, offsetBy: 8)
            filters = try ThumborFilter.parseList(Substring(scalars[listStart...close]))
            rest = Substring(scalars[scalars.index(close, offsetBy: 2)...])
        }
        guard !rest.isEmpty else { throw OptionsError.missingSource }
        image = String(rest)
    }

    /// `trim`, `trim:top-left`, `trim:bottom-right`, each optionally followed by `:tolerance` (0-442).
    private static func trim(_ segment: Substring) throws -> Trim? {
        let parts = segment.split(scalar: ":", omittingEmpty: false)
        guard parts.first == "trim", parts.count <= 3 else { return nil }
        var trim = Trim()
        var index = 1
        if index < parts.count, let corner = TrimCorner(rawValue: String(parts[index])) {
            trim.corner = corner
            index += 1
        }
        if index < parts.count, isDigits(parts[index]) {
            guard let tolerance = digits(parts[index]), tolerance <= 442 else {
                throw OptionsError.invalidArgument("trim", parts[index])
            }
            trim.tolerance = tolerance
            index += 1
        }
        return index == parts.count ? trim : nil
    }

    /// `AxB:CxD`; nil when the segment is not of that form, an error when a number is too large.
    private static func crop(_ segment: Substring) throws -> Crop? {
        let corners = segment.split(scalar: ":", omittingEmpty: false)
        guard corners.count == 2 else { return nil }
        let values = corners.map { $0.split(scalar: "x", omittingEmpty: false) }
        guard values.allSatisfy({ $0.count == 2 && $0.allSatisfy(isDigits) }) else { return nil }
        let numbers = try values.flatMap { try $0.map { try size($0, option: "crop") } }
        return Crop(left: numbers[0], top: numbers[1], right: numbers[2], bottom: numbers[3])
    }

    /// `fit-in`, `full-fit-in`, `adaptive-fit-in`, `adaptive-full-fit-in`.
    private static func fit(_ segment: Substring) -> Fit? {
        switch segment {
        case "fit-in": .fitIn(adaptive: false)
        case "full-fit-in": .fullFitIn(adaptive: false)
        case "adaptive-fit-in": .fitIn(adaptive: true)
        case "adaptive-full-fit-in": .fullFitIn(adaptive: true)
        default: nil
        }
    }

    /// `[-]Ex[-]F` with each size digits, `orig` or nothing: false when the segment is not of that form.
    private mutating func parseDimensions(_ segment: Substring) throws -> Bool {
        let sides = segment.split(scalar: "x", omittingEmpty: false)
        guard sides.count == 2 else { return false }
        func side(_ text: Substring) -> (flip: Bool, size: Substring)? {
            let flip = text.hasPrefix("-")
            let size = flip ? text.dropFirst() : text
            return size.isEmpty || size == "orig" || Self.isDigits(size) ? (flip, size) : nil
        }
        guard let horizontal = side(sides[0]), let vertical = side(sides[1]) else { return false }
        (flipHorizontally, flipVertically) = (horizontal.flip, vertical.flip)
        width = try Self.dimension(horizontal.size)
        height = try Self.dimension(vertical.size)
        return true
    }

    private static func dimension(_ text: Substring) throws -> Dimension {
        if text == "orig" { return .original }
        let value = text.isEmpty ? 0 : try size(text, option: "size")
        return value == 0 ? .proportional : .pixels(value)
    }

    private static func size(_ text: Substring, option: String) throws -> Int {
        guard let value = digits(text), value <= ProcessingOptions.maxSide else { throw OptionsError.invalidArgument(option, text) }
        return value
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The value of ASCII digits (at most 9 of them), or nil.
    private static func digits(_ text: Substring) -> Int? {
        guard isDigits(text), text.utf8.count <= 9 else { return nil }
        return Int(text)
    }
}
