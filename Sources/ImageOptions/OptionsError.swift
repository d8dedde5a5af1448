/// A processing-options string or an image URL path could not be understood.
public struct OptionsError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, Sendable, Hashable {
        case unknownOption = "unknown_option"
        case invalidArgument = "invalid_argument"
        case tooManyArguments = "too_many_arguments"
        case unknownPreset = "unknown_preset"
        case missingSource = "missing_source"
        case invalidSource = "invalid_source"
        case unsupportedFormat = "unsupported_format"
        case unknownFilter = "unknown_filter"
        case unsupported = "unsupported_option"
        case presetsOnly = "presets_only"
        case noWatermarkImage = "no_watermark_image"
    }

    private let code: Code
    /// A short explanation that is safe to show to a client.
    public let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// A stable short label, usable as a metrics label.
    public var label: String { code.rawValue }
    public var description: String { detail }

    static func unknownOption(_ name: some StringProtocol) -> Self {
        Self(.unknownOption, "unknown option '\(name.prefix(32))'")
    }

    static func invalidArgument(_ option: String, _ value: some StringProtocol) -> Self {
        Self(.invalidArgument, "invalid argument '\(value.prefix(32))' for '\(option)'")
    }

    static func tooManyArguments(_ option: String, max: Int) -> Self {
        Self(.tooManyArguments, "'\(option)' takes at most \(max) arguments")
    }

    static func unknownPreset(_ name: some StringProtocol) -> Self {
        Self(.unknownPreset, "unknown preset '\(name.prefix(32))'")
    }

    public static let missingSource = Self(.missingSource, "the path names no source")
    static let invalidSource = Self(.invalidSource, "the source part of the path is malformed")

    static func unsupportedFormat(_ name: some StringProtocol) -> Self {
        Self(.unsupportedFormat, "unsupported output format '\(name.prefix(16))'")
    }

    static func unknownFilter(_ name: some StringProtocol) -> Self {
        Self(.unknownFilter, "unknown filter '\(name.prefix(32))'")
    }

    /// A part of a dialect that MediaProxy does not do (yet): refused, never ignored.
    static func unsupported(_ what: some StringProtocol) -> Self {
        Self(.unsupported, "'\(what.prefix(40))' is not supported")
    }

    /// An option other than a preset where only presets are accepted.
    public static func presetsOnly(_ name: some StringProtocol) -> Self {
        Self(.presetsOnly, "only presets are accepted here, not '\(name.prefix(32))'")
    }

    /// `wm:` without `wmu:` on a server that has no watermark image configured.
    public static let noWatermarkImage = Self(.noWatermarkImage, "no watermark image is configured; name one with wmu:")

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code && lhs.detail == rhs.detail }
}
