import Foundation

/// Named option sets (imgproxy's presets): `pr:name` expands to the named options in place.
///
/// A preset called `default` applies to every request before its own options. With `onlyPresets`, a request may
/// name presets (`pr:`) and nothing else, as imgproxy's `IMGPROXY_ONLY_PRESETS`: operators then decide every
/// variant that can be asked for.
public struct PresetTable: Sendable, Hashable {
    /// Preset name -> options in URL grammar (`rs:fill:300:300/q:70`).
    public private(set) var definitions: [String: String]
    /// Refuse every option in a request but `pr:`.
    public var onlyPresets = false

    /// No presets.
    public init() { definitions = [:] }

    /// Checks every definition parses (and does not recurse into itself).
    public init(_ definitions: [String: String]) throws {
        self.definitions = definitions
        for name in definitions.keys {
            _ = try ProcessingOptions(parsing: "pr:\(name)", presets: self)
        }
    }

    /// Definitions from a file's text: one `name=options` a line; blank lines and lines starting with `#` are
    /// skipped. Throws for a line of another form.
    public static func definitions(fromFile text: String) throws -> [String: String] {
        var definitions: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty else { throw OptionsError.invalidArgument("preset", trimmed) }
            definitions[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return definitions
    }

    /// Options of one preset, split into segments, or nil when unknown.
    func segments(of name: some StringProtocol) -> [Substring]? {
        definitions[String(name)].map { $0.split(scalar: "/", omittingEmpty: true) }
    }
}
