import Foundation
import MediaFormats

/// An imgproxy-style request path: `/{signature}/{options}/plain/{source}@{ext}` or
/// `/{signature}/{options}/{base64url source}.{ext}`.
public struct ImagePath: Sendable, Hashable {
    /// How the source URL is written in the path.
    public enum SourceEncoding: Sendable, Hashable {
        /// `plain/` followed by the percent-encoded URL.
        case plain
        /// URL-safe base64 without padding (may be split by `/`).
        case base64
    }

    /// The signature segment (`unsafe`, `_`, or a URL-safe base64 HMAC).
    public var signature: String
    public var options: ProcessingOptions
    /// The source URL (`https://...`, `local:///...`), decoded.
    public var source: String
    public var sourceEncoding: SourceEncoding

    public init(signature: String = "unsafe", options: ProcessingOptions, source: String,
                sourceEncoding: SourceEncoding = .plain) {
        self.signature = signature
        self.options = options
        self.source = source
        self.sourceEncoding = sourceEncoding
    }

    /// Parses a request path (leading `/` optional, no query string).
    public init(parsing path: some StringProtocol, presets: PresetTable = PresetTable()) throws {
        let segments = path.split(scalar: "/", omittingEmpty: false).drop { $0.isEmpty }
        guard let signature = segments.first else { throw OptionsError.missingSource }
        let rest = segments.dropFirst()
        let optionSegments = rest.prefix { $0.contains(scalar: ":") }
        let sourceSegments = rest.dropFirst(optionSegments.count)
        guard let first = sourceSegments.first, !first.isEmpty else { throw OptionsError.missingSource }
        var options = try ProcessingOptions(parsing: optionSegments.joined(separator: "/"), presets: presets)
        let (source, encoding, ext) = try Self.parseSource(sourceSegments)
        if let ext {
            guard let format = ImageFormat(extension: ext), format.isOutput else {
                throw OptionsError.unsupportedFormat(ext)
            }
            options.format = format
        }
        self.init(signature: String(signature), options: options, source: source, sourceEncoding: encoding)
    }

    /// The path without the signature: what a signature is computed over (starts with `/`).
    public func unsignedPath(presets: PresetTable = PresetTable()) -> String {
        var stripped = options
        stripped.format = nil
        let optionText = stripped.generated(presets: presets)
        let ext = options.format.map(\.rawValue)
        let sourceText: String
        switch sourceEncoding {
        case .plain:
            let escaped = PercentEncoding.encode(source, allowing: Set(":/=&,;+!$'()*".utf8))
            sourceText = "plain/" + escaped + (ext.map { "@" + $0 } ?? "")
        case .base64:
            // `enc` alone would read as the encrypted-source marker: split it (base64 may be split by `/`).
            let encoded = Base64URL.encode(Array(source.utf8))
            sourceText = (encoded == "enc" && ext == nil ? "en/c" : encoded) + (ext.map { "." + $0 } ?? "")
        }
        return "/" + (optionText.isEmpty ? "" : optionText + "/") + sourceText
    }

    /// The whole path, signature first.
    public func generated(presets: PresetTable = PresetTable()) -> String {
        "/" + signature + unsignedPath(presets: presets)
    }

    private static func parseSource(
        _ segments: some Collection<Substring>
    ) throws -> (String, SourceEncoding, Substring?) {
        if segments.first == "plain" {
            var text = Substring(segments.dropFirst().joined(separator: "/"))
            var ext: Substring?
            if let at = text.lastIndex(ofScalar: "@") {
                ext = Substring(text.unicodeScalars[text.unicodeScalars.index(after: at)...])
                text = Substring(text.unicodeScalars[..<at])
            }
            guard !text.isEmpty, let url = PercentEncoding.decode(text) else { throw OptionsError.invalidSource }
            return (url, .plain, ext.flatMap { $0.isEmpty ? nil : $0 })
        }
        if segments.first == "enc" { throw OptionsError.invalidSource }
        var text = Substring(segments.joined())
        var ext: Substring?
        if let dot = text.lastIndex(ofScalar: ".") {
            ext = Substring(text.unicodeScalars[text.unicodeScalars.index(after: dot)...])
            text = Substring(text.unicodeScalars[..<dot])
        }
        guard let bytes = Base64URL.decode(text), let url = String(validating: bytes, as: UTF8.self), !url.isEmpty else {
            throw OptionsError.invalidSource
        }
        return (url, .base64, ext.flatMap { $0.isEmpty ? nil : $0 })
    }
}
