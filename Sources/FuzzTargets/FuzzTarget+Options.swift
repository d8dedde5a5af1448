import ImageOptions

extension FuzzTarget {
    /// The URL grammar on arbitrary text: imgproxy's options and whole request paths (with and without presets),
    /// thumbor's paths and the query form. Whatever parses must generate text that parses back to the same value
    /// (thumbor's and the query form's options through the canonical grammar too), and a signed path must verify.
    static let options = FuzzTarget(name: "options") { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        var parsed = false
        for presets in [PresetTable(), optionPresets] {
            if let options = try? ProcessingOptions(parsing: text, presets: presets) {
                parsed = true
                try requireRoundTrip("options", text, options, generated: options.generated(presets: presets)) {
                    try ProcessingOptions(parsing: $0, presets: presets)
                }
            }
            if let path = try? ImagePath(parsing: text, presets: presets) {
                parsed = true
                try requireRoundTrip("path", text, path, generated: path.generated(presets: presets)) {
                    try ImagePath(parsing: $0, presets: presets)
                }
                let unsigned = path.unsignedPath(presets: presets)
                let signature = optionSigner.sign(unsigned)
                try require(signature.map { optionSigner.verify(signature: $0, path: unsigned) } ?? false,
                            "the signature of \(unsigned.debugDescription) does not verify")
            }
        }
        if let thumbor = try? ThumborPath(parsing: text) {
            parsed = true
            if !thumbor.imageIsAmbiguous {
                try requireRoundTrip("thumbor path", text, thumbor, generated: thumbor.generated()) {
                    try ThumborPath(parsing: $0)
                }
            }
            // What thumbor's path asks for must survive the canonical grammar (the cache key) too.
            if let options = try? thumbor.request().options {
                try requireRoundTrip("thumbor options", text, options, generated: options.generated()) {
                    try ProcessingOptions(parsing: $0)
                }
            }
        }
        if let mark = text.firstIndex(of: "?"),
           let form = try? QueryForm.parse(path: text[..<mark], query: text[text.index(after: mark)...]) {
            parsed = true
            let options = form.options
            try requireRoundTrip("query form", text, options, generated: options.generated()) {
                try ProcessingOptions(parsing: $0)
            }
            // And in its own dialect: whatever it parsed it can write back.
            guard let (path, query) = QueryForm.generate(source: form.source, options: options) else {
                throw FuzzFinding("query form \(text.debugDescription) parsed to options it cannot write back")
            }
            let again = try? QueryForm.parse(path: path, query: query)
            try require(again?.source == form.source && again?.options == options,
                        "query form \(text.debugDescription) generated \(path)?\(query), which parses to something else")
        }
        return parsed
    }

    /// Throws a finding unless `generated`, written from `value` that `text` parsed to, parses back to `value`.
    private static func requireRoundTrip<Value: Equatable>(_ kind: String, _ text: String, _ value: Value,
                                                           generated: String,
                                                           parse: (String) throws -> Value) throws {
        let written = "\(kind) \(text.debugDescription) generated \(generated.debugDescription)"
        let again: Value
        do {
            again = try parse(generated)
        } catch {
            throw FuzzFinding("\(written), which does not parse: \(error)")
        }
        try require(again == value, "\(written), which parses to something else")
    }

    /// Presets the options target also parses with (the names are in `Fuzz/options.dict`).
    private static let optionPresets: PresetTable = {
        do {
            return try PresetTable(["default": "q:85/bg:010203", "small": "rs:fill:64:64/bl:1", "web": "f:webp"])
        } catch {
            fatalError("the fuzz presets do not parse: \(error)")
        }
    }()

    /// A signer with a fixed key pair.
    private static let optionSigner = URLSigner(pairs: [URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656c6c6f")!])
}
