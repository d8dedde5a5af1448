/// The colon-separated arguments of one option segment, with typed readers.
///
/// An empty argument means "leave this setting as it is", as in imgproxy (`rs:fill::200`).
struct OptionArguments {
    let option: String
    let values: [Substring]

    init(option: String, values: [Substring]) {
        self.option = option
        self.values = values
    }

    /// Whether argument `index` is present and not empty.
    func has(_ index: Int) -> Bool { index < values.count && !values[index].isEmpty }

    /// Whether the option was given as `name:` with nothing after it (a reset).
    var isReset: Bool { values.count == 1 && values[0].isEmpty }

    func limit(_ count: Int) throws {
        if values.count > count { throw OptionsError.tooManyArguments(option, max: count) }
    }

    func int(_ index: Int, in range: ClosedRange<Int> = 0...Int.max) throws -> Int? {
        guard has(index) else { return nil }
        guard let value = Int(values[index]), range.contains(value) else {
            throw OptionsError.invalidArgument(option, values[index])
        }
        return value
    }

    func double(_ index: Int, in range: ClosedRange<Double>) throws -> Double? {
        guard has(index) else { return nil }
        guard let value = Double(values[index]), value.isFinite, range.contains(value) else {
            throw OptionsError.invalidArgument(option, values[index])
        }
        return value
    }

    /// Booleans as Go's strconv.ParseBool reads them: 1/t/true and 0/f/false.
    func bool(_ index: Int) throws -> Bool? {
        guard has(index) else { return nil }
        switch values[index] {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: throw OptionsError.invalidArgument(option, values[index])
        }
    }

    /// A gravity written from argument `index` on: `type[:x:y]`.
    func gravity(from index: Int) throws -> Gravity? {
        guard has(index) else { return nil }
        let name = values[index]
        switch name {
        case "sm":
            if values.count > index + 1 { throw OptionsError.tooManyArguments(option, max: index + 1) }
            return .smart
        case "fp":
            if values.count > index + 3 { throw OptionsError.tooManyArguments(option, max: index + 3) }
            guard let x = try double(index + 1, in: 0...1), let y = try double(index + 2, in: 0...1) else {
                throw OptionsError.invalidArgument(option, name)
            }
            return .focusPoint(x: x, y: y)
        default:
            guard let anchor = Gravity.Anchor(rawValue: String(name)) else {
                throw OptionsError.invalidArgument(option, name)
            }
            if values.count > index + 3 { throw OptionsError.tooManyArguments(option, max: index + 3) }
            let range = -100_000.0...100_000.0
            return .anchor(anchor, xOffset: try double(index + 1, in: range) ?? 0,
                           yOffset: try double(index + 2, in: range) ?? 0)
        }
    }

    /// Text argument with `%XX` escapes decoded (used for file names and cache busters).
    func text(_ index: Int) throws -> String? {
        guard has(index) else { return nil }
        guard let decoded = PercentEncoding.decode(values[index]) else {
            throw OptionsError.invalidArgument(option, values[index])
        }
        return decoded
    }
}
