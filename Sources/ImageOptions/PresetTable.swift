/// Named option sets (imgproxy's presets): `pr:name` expands to the named options in place.
///
/// A preset called `default` applies to every request before its own options.
public struct PresetTable: Sendable, Hashable {
    /// Preset name -> options in URL grammar (`rs:fill:300:300/q:70`).
    public private(set) var definitions: [String: String]

    /// No presets.
    public init() { definitions = [:] }

    /// Checks every definition parses (and does not recurse into itself).
    public init(_ definitions: [String: String]) throws {
        self.definitions = definitions
        for name in definitions.keys {
            _ = try ProcessingOptions(parsing: "pr:\(name)", presets: self)
        }
    }

    /// Options of one preset, split into segments, or nil when unknown.
    func segments(of name: some StringProtocol) -> [Substring]? {
        definitions[String(name)].map { $0.split(scalar: "/", omittingEmpty: true) }
    }
}
