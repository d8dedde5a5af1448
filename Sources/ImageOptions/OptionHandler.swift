import MediaFormats

/// One option of the grammar: its names and how its arguments change the options.
struct OptionHandler: Sendable {
    let canonicalName: String
    let apply: @Sendable (inout ProcessingOptions, OptionArguments) throws -> Void
}

extension ProcessingOptions {
    /// Every option by long and short name.
    static let handlers: [String: OptionHandler] = {
        var table: [String: OptionHandler] = [:]
        for (names, apply) in optionTable + extraOptionTable + thumborOptionTable {
            let handler = OptionHandler(canonicalName: names.last!, apply: apply)
            for name in names { table[name] = handler }
        }
        return table
    }()

    typealias Apply = @Sendable (inout ProcessingOptions, OptionArguments) throws -> Void

    private static let optionTable: [([String], Apply)] = [
        (["resize", "rs"], { options, args in
            try options.applyResizingType(args, at: 0)
            try options.applySize(args, from: 1)
        }),
        (["size", "s"], { options, args in try options.applySize(args, from: 0) }),
        (["resizing_type", "rt"], { options, args in
            try args.limit(1)
            try options.applyResizingType(args, at: 0)
        }),
        (["width", "w"], { options, args in
            try args.limit(1)
            if let value = try args.int(0, in: 0...Self.maxSide) { options.width = value }
        }),
        (["height", "h"], { options, args in
            try args.limit(1)
            if let value = try args.int(0, in: 0...Self.maxSide) { options.height = value }
        }),
        (["dpr"], { options, args in
            try args.limit(1)
            if let value = try args.double(0, in: 0.01...8) { options.dpr = value }
        }),
        (["enlarge", "el"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.enlarge = value }
        }),
        (["extend", "ex"], { options, args in try options.applyExtend(args, from: 0) }),
        (["gravity", "g"], { options, args in
            if let value = try args.gravity(from: 0) { options.gravity = value }
        }),
        (["crop", "c"], { options, args in
            let width = try args.double(0, in: 0...100_000) ?? 0
            let height = try args.double(1, in: 0...100_000) ?? 0
            let gravity = try args.gravity(from: 2)
            options.crop = width == 0 && height == 0 && gravity == nil
                ? nil : CropOptions(width: width, height: height, gravity: gravity)
        }),
        (["trim", "t"], { options, args in
            try args.limit(6)
            // Up to 255 (libvips' measure); thumbor's Euclidean distance (the sixth argument) reaches 442.
            let threshold = try args.double(0, in: -1...442) ?? 10
            guard threshold >= 0 else {
                options.trim = nil
                return
            }
            var color: RGBColor?
            if args.has(1) {
                guard let parsed = RGBColor(hex: args.values[1]) else {
                    throw OptionsError.invalidArgument(args.option, args.values[1])
                }
                color = parsed
            }
            options.trim = TrimOptions(threshold: threshold, color: color,
                                       equalHorizontal: try args.bool(2) ?? false,
                                       equalVertical: try args.bool(3) ?? false)
            // A fifth argument, MediaProxy's own: `br` takes the colour from the bottom-right pixel.
            if args.has(4) {
                guard args.values[4] == "br" || args.values[4] == "tl" else {
                    throw OptionsError.invalidArgument(args.option, args.values[4])
                }
                options.trim?.fromBottomRight = args.values[4] == "br"
            }
            // A sixth, also our own: thumbor's Euclidean distance instead of libvips' measure.
            if let euclidean = try args.bool(5) { options.trim?.euclidean = euclidean }
            if threshold > 255, options.trim?.euclidean != true {
                throw OptionsError.invalidArgument(args.option, args.values[0])
            }
        }),
        (["padding", "pd"], { options, args in
            try args.limit(4)
            let values = try (0..<args.values.count).map { try args.int($0, in: 0...10_000) }
            let top = values.first.flatMap { $0 } ?? 0
            let right = values.count > 1 ? values[1] ?? top : top
            let bottom = values.count > 2 ? values[2] ?? top : top
            let left = values.count > 3 ? values[3] ?? right : right
            let padding = Padding(top: top, right: right, bottom: bottom, left: left)
            options.padding = padding.isZero ? nil : padding
        }),
        (["auto_rotate", "ar"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.autoRotate = value }
        }),
        (["rotate", "rot"], { options, args in
            try args.limit(1)
            guard let value = try args.int(0, in: -3600...3600) else { return }
            guard value % 90 == 0 else { throw OptionsError.invalidArgument(args.option, args.values[0]) }
            options.rotate = (value % 360 + 360) % 360
        }),
        (["flip", "fl"], { options, args in
            try args.limit(2)
            if let value = try args.bool(0) { options.flip.horizontal = value }
            if let value = try args.bool(1) { options.flip.vertical = value }
        }),
        (["background", "bg"], { options, args in
            try args.limit(3)
            if args.isReset || args.values.isEmpty {
                options.background = nil
            } else if args.values.count == 1 {
                guard let color = RGBColor(hex: args.values[0]) else {
                    throw OptionsError.invalidArgument(args.option, args.values[0])
                }
                options.background = color
            } else {
                guard args.values.count == 3, let red = try args.int(0, in: 0...255),
                      let green = try args.int(1, in: 0...255), let blue = try args.int(2, in: 0...255) else {
                    throw OptionsError.invalidArgument(args.option, args.values.joined(separator: ":"))
                }
                options.background = RGBColor(red: UInt8(red), green: UInt8(green), blue: UInt8(blue))
            }
        }),
        (["blur", "bl"], { options, args in
            try args.limit(1)
            if let value = try args.double(0, in: 0...100) { options.blur = value }
        }),
        (["sharpen", "sh"], { options, args in
            try args.limit(1)
            if let value = try args.double(0, in: 0...20) { options.sharpen = value }
        }),
        (["quality", "q"], { options, args in
            try args.limit(1)
            if let value = try args.int(0, in: 0...100) { options.quality = value }
        }),
        (["format_quality", "fq"], { options, args in
            guard args.values.count % 2 == 0 else {
                throw OptionsError.invalidArgument(args.option, args.values.joined(separator: ":"))
            }
            for index in stride(from: 0, to: args.values.count, by: 2) {
                guard let format = ImageFormat(extension: args.values[index]), format.isOutput else {
                    throw OptionsError.unsupportedFormat(args.values[index])
                }
                let quality = try args.int(index + 1, in: 0...100) ?? 0
                options.formatQuality[format] = quality == 0 ? nil : quality
            }
        }),
        (["format", "f", "ext"], { options, args in
            try args.limit(1)
            if args.isReset { options.format = nil; return }
            guard args.has(0) else { return }
            guard let format = ImageFormat(extension: args.values[0]), format.isOutput else {
                throw OptionsError.unsupportedFormat(args.values[0])
            }
            options.format = format
        }),
        (["strip_metadata", "sm"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.stripMetadata = value }
        }),
        (["keep_copyright", "kcr"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.keepCopyright = value }
        }),
        (["strip_color_profile", "scp"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.stripColorProfile = value }
        }),
        (["max_bytes", "mb"], { options, args in
            try args.limit(1)
            if let value = try args.int(0, in: 0...1_000_000_000) { options.maxBytes = value }
        }),
        (["page", "pg"], { options, args in
            try args.limit(1)
            if args.isReset { options.page = nil; return }
            if let value = try args.int(0, in: 0...100_000) { options.page = value }
        }),
        (["disable_animation", "da"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.disableAnimation = value }
        }),
        (["video_thumbnail_second", "vts"], { options, args in
            try args.limit(1)
            if let value = try args.double(0, in: 0...86_400) { options.videoSecond = value }
        }),
        (["gif_palette", "gp"], { options, args in
            try args.limit(1)
            guard args.has(0) else { return }
            guard let value = GIFPaletteStrategy(rawValue: String(args.values[0])) else {
                throw OptionsError.invalidArgument(args.option, args.values[0])
            }
            options.gifPalette = value
        }),
        (["preset", "pr"], { _, _ in }),
        (["cachebuster", "cb"], { options, args in
            try args.limit(1)
            options.cacheBuster = try args.text(0)
        }),
        (["expires", "exp"], { options, args in
            try args.limit(1)
            options.expires = try args.int(0)
        }),
        (["filename", "fn"], { options, args in
            try args.limit(2)
            // A second argument, true: the name is URL-safe base64 (imgproxy's encoded file names).
            if try args.bool(1) == true {
                guard let bytes = Base64URL.decode(args.values[0]), let name = String(validating: bytes, as: UTF8.self) else {
                    throw OptionsError.invalidArgument(args.option, args.values[0])
                }
                // An empty name is no name, as `fn:` is.
                options.filename = name.isEmpty ? nil : name
                return
            }
            options.filename = try args.text(0)
        }),
        (["return_attachment", "att"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.returnAttachment = value }
        }),
    ]
}

extension ProcessingOptions {
    /// The largest width or height a URL may ask for: far past any result limit, small enough that the size
    /// arithmetic (times `dpr`) can never overflow.
    static let maxSide = 1_000_000

    mutating func applyResizingType(_ args: OptionArguments, at index: Int) throws {
        guard args.has(index) else { return }
        guard let type = ResizingType(rawValue: String(args.values[index])) else {
            throw OptionsError.invalidArgument(args.option, args.values[index])
        }
        resizingType = type
    }

    /// `width:height:enlarge:extend[:gravity...]` starting at `index`.
    mutating func applySize(_ args: OptionArguments, from index: Int) throws {
        if let value = try args.int(index, in: 0...Self.maxSide) { width = value }
        if let value = try args.int(index + 1, in: 0...Self.maxSide) { height = value }
        if let value = try args.bool(index + 2) { enlarge = value }
        try applyExtend(args, from: index + 3)
    }

    /// `extend[:gravity...]` starting at `index`.
    mutating func applyExtend(_ args: OptionArguments, from index: Int) throws {
        if let value = try args.bool(index) { extend = value }
        if let gravity = try args.gravity(from: index + 1) {
            if gravity == .smart { throw OptionsError.invalidArgument(args.option, "sm") }
            extendGravity = gravity
        }
    }
}
