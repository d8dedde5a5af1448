import ImageOptions

extension FuzzTarget {
    /// The URL grammar on arbitrary text: options and whole request paths, with and without presets. Whatever
    /// parses must generate text that parses back to the same value, and a signed path must verify.
    static let options = FuzzTarget(name: "options") { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        var parsed = false
        for presets in [PresetTable(), optionPresets] {
            if let options = try? ProcessingOptions(parsing: text, presets: presets) {
                let generated = options.generated(presets: presets)
                let again: ProcessingOptions
                do {
                    again = try ProcessingOptions(parsing: generated, presets: presets)
                } catch {
                    throw FuzzFinding("options \(text.debugDescription) generated \(generated.debugDescription), "
                                      + "which does not parse: \(error)")
                }
                parsed = true
                try require(again == options, "options \(text.debugDescription) generated "
                            + "\(generated.debugDescription), which parses to other options")
            }
            if let path = try? ImagePath(parsing: text, presets: presets) {
                let generated = path.generated(presets: presets)
                let again: ImagePath
                do {
                    again = try ImagePath(parsing: generated, presets: presets)
                } catch {
                    throw FuzzFinding("path \(text.debugDescription) generated \(generated.debugDescription), "
                                      + "which does not parse: \(error)")
                }
                parsed = true
                try require(again == path, "path \(text.debugDescription) generated \(generated.debugDescription), "
                            + "which parses to another path")
                let unsigned = path.unsignedPath(presets: presets)
                let signature = optionSigner.sign(unsigned)
                try require(signature.map { optionSigner.verify(signature: $0, path: unsigned) } ?? false,
                            "the signature of \(unsigned.debugDescription) does not verify")
            }
        }
        return parsed
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
