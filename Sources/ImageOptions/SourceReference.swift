/// What an image reference in a URL names, once the dialect has decoded it: a remote URL (http, https, s3) as it
/// is, or a path under `local:///` (leading slashes dropped, by scalar, so a slash followed by a combining mark is
/// still a slash). Any other scheme is refused.
enum SourceReference {
    static func url(_ reference: String) throws -> String {
        if reference.hasPrefix("http://") || reference.hasPrefix("https://") || reference.hasPrefix("s3://") {
            return reference
        }
        guard !reference.contains("://") else { throw OptionsError.invalidSource }
        let relative = String(reference.unicodeScalars.drop { $0 == "/" })
        guard !relative.isEmpty else { throw OptionsError.missingSource }
        return "local:///" + relative
    }
}
