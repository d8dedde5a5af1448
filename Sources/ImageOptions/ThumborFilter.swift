/// One filter of a thumbor path, `name(argument,argument)`, as written.
public struct ThumborFilter: Sendable, Hashable {
    public var name: String
    public var arguments: [String]

    public init(_ name: String, _ arguments: [String] = []) {
        self.name = name
        self.arguments = arguments
    }

    /// Parses `name(args):name(args)...`: filters are split at the colons outside parentheses (an argument may
    /// be a URL), arguments at the commas.
    static func parseList(_ text: Substring) throws -> [ThumborFilter] {
        var filters: [ThumborFilter] = []
        var depth = 0
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        for index in scalars.indices {
            switch scalars[index] {
            case "(": depth += 1
            case ")": depth -= 1
            case ":" where depth == 0:
                filters.append(try parse(Substring(scalars[start..<index])))
                start = scalars.index(after: index)
            default: break
            }
            guard depth >= 0 else { throw OptionsError.invalidArgument("filters", text) }
        }
        filters.append(try parse(Substring(scalars[start...])))
        return filters
    }

    private static func parse(_ text: Substring) throws -> ThumborFilter {
        guard let open = text.unicodeScalars.firstIndex(of: "("), text.unicodeScalars.last == ")" else {
            throw OptionsError.invalidArgument("filters", text)
        }
        let name = text[..<open]
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw OptionsError.invalidArgument("filters", text)
        }
        let inside = Substring(text.unicodeScalars[text.unicodeScalars.index(after: open)..<text.unicodeScalars.index(before: text.endIndex)])
        let arguments = inside.isEmpty ? [] : inside.split(scalar: ",", omittingEmpty: false).map(String.init)
        return ThumborFilter(String(name), arguments)
    }

    /// `name(arguments)`.
    var generated: String { "\(name)(\(arguments.joined(separator: ",")))" }
}
