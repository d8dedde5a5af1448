extension ProcessingOptions {
    /// Parses imgproxy's processing-options grammar: `/`-separated `name:arg:arg` segments.
    ///
    /// The `default` preset, when defined, applies first. Unknown options and malformed arguments throw
    /// `OptionsError`.
    public init(parsing text: some StringProtocol, presets: PresetTable = PresetTable()) throws {
        self.init()
        if let defaults = presets.segments(of: "default") {
            for segment in defaults { try apply(segment, presets: presets, depth: 1) }
        }
        for segment in text.split(scalar: "/", omittingEmpty: true) {
            try apply(segment, presets: presets, depth: 0)
        }
    }

    /// Applies one `name:args` segment on top of the current values.
    mutating func apply(_ segment: Substring, presets: PresetTable, depth: Int) throws {
        let parts = segment.split(scalar: ":", omittingEmpty: false)
        let name = String(parts[0])
        guard let handler = Self.handlers[name] else { throw OptionsError.unknownOption(name) }
        let arguments = OptionArguments(option: name, values: Array(parts.dropFirst()))
        if handler.canonicalName == "pr" {
            try applyPresets(arguments, presets: presets, depth: depth)
        } else if depth == 0, presets.onlyPresets {
            throw OptionsError.presetsOnly(name)
        } else {
            try handler.apply(&self, arguments)
        }
    }

    private mutating func applyPresets(_ arguments: OptionArguments, presets: PresetTable, depth: Int) throws {
        guard depth < 8 else { throw OptionsError.invalidArgument("preset", "nesting too deep") }
        for name in arguments.values where !name.isEmpty {
            guard let segments = presets.segments(of: name) else { throw OptionsError.unknownPreset(name) }
            for segment in segments { try apply(segment, presets: presets, depth: depth + 1) }
            if depth == 0 { self.presets.append(String(name)) }
        }
    }
}
