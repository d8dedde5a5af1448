import MediaFormats

extension ThumborPath {
    /// thumbor 7.8's filters, by name: those MediaProxy does not do yet are refused as such, any other name as
    /// unknown; none is ever ignored.
    static let knownFilters: Set<String> = [
        "autojpg", "background_color", "blur", "brightness", "contrast", "convolution", "cover", "equalize",
        "extract_focal", "fill", "focal", "format", "grayscale", "max_age", "max_bytes", "no_upscale", "noise",
        "proportion", "quality", "red_eye", "rgb", "rotate", "round_corner", "saturation", "sharpen", "stretch",
        "strip_exif", "strip_icc", "upscale", "watermark",
    ]

    /// The source and options this path asks for, as the other dialect's parser gives them, with thumbor 7.8's
    /// semantics: sizes cropped to (the default) are filled and enlarged, `fit-in` fits without enlarging, the
    /// manual crop comes first, the alignment (or `smart`) places the crop, the flips mirror the result, and the
    /// EXIF orientation is not applied (thumbor's default, `RESPECT_ORIENTATION = False`). The
    /// image is a source URL (`http(s)`, plain or percent-encoded) or a path under the local root. Throws
    /// `OptionsError` for an unknown filter and for what MediaProxy does not do yet.
    public func request() throws -> (source: String, options: ProcessingOptions) {
        var options = ProcessingOptions()
        options.autoRotate = false
        options.describeOnly = meta
        if let trim {
            options.trim = TrimOptions(threshold: Double(trim.tolerance))
            options.trim?.fromBottomRight = trim.corner == .bottomRight
            options.trim?.euclidean = true
        }
        let (pixelsWide, pixelsHigh) = (Self.pixels(width), Self.pixels(height))
        (options.widthFromSource, options.heightFromSource) = (width == .original, height == .original)
        let wide = pixelsWide > 0 || width == .original, high = pixelsHigh > 0 || height == .original
        switch fit {
        case .crop:
            options.resizingType = wide && high ? .fill : .fit
            options.enlarge = true
        case .fitIn(let adaptive):
            options.resizingType = .fit
            options.adaptiveOrientation = adaptive
        case .fullFitIn(let adaptive):
            // The box is covered, nothing cropped, and a smaller image enlarged to it (thumbor resizes either way).
            options.resizingType = .cover
            options.enlarge = true
            options.adaptiveOrientation = adaptive
        }
        (options.width, options.height) = (pixelsWide, pixelsHigh)
        // Our pipeline mirrors before it crops, thumbor after: the anchors are mirrored to match.
        options.flip = Flip(horizontal: flipHorizontally, vertical: flipVertically)
        options.gravity = smart ? .smart : .anchor(anchor(horizontal: horizontalAlign, vertical: verticalAlign))
        if let crop, crop.right > crop.left, crop.bottom > crop.top {
            let corner = anchor(horizontal: .left, vertical: .top)
            options.crop = CropOptions(width: Double(crop.right - crop.left), height: Double(crop.bottom - crop.top),
                                       gravity: .anchor(corner, xOffset: Double(crop.left), yOffset: Double(crop.top)))
        }
        for filter in filters { try apply(filter, to: &options) }
        return (try source(), options)
    }

    /// The compass anchor of an alignment, mirrored by the flips.
    private func anchor(horizontal: HorizontalAlign, vertical: VerticalAlign) -> Gravity.Anchor {
        var column = horizontal == .left ? 0 : horizontal == .right ? 2 : 1
        var row = vertical == .top ? 0 : vertical == .bottom ? 2 : 1
        if flipHorizontally { column = 2 - column }
        if flipVertically { row = 2 - row }
        return Gravity.Anchor(column: column, row: row)
    }

    private func apply(_ filter: ThumborFilter, to options: inout ProcessingOptions) throws {
        let arguments = filter.arguments
        func number(_ index: Int, in range: ClosedRange<Double>) throws -> Double {
            guard index < arguments.count, let value = Double(arguments[index]), range.contains(value) else {
                throw OptionsError.invalidArgument(filter.name, arguments.joined(separator: ","))
            }
            return value
        }
        func count(_ allowed: ClosedRange<Int>) throws {
            guard allowed.contains(arguments.count) else {
                throw OptionsError.tooManyArguments(filter.name, max: allowed.upperBound)
            }
        }
        switch filter.name {
        case "quality":
            try count(1...1)
            options.quality = Int(try number(0, in: 1...100))
        case "format":
            try count(1...1)
            let name = arguments[0].lowercased()
            guard let format = ImageFormat(extension: name == "jpeg" ? "jpg" : name), format.isOutput else {
                throw OptionsError.unsupportedFormat(arguments[0])
            }
            options.format = format
        case "blur":
            // blur(radius[, sigma]): the sigma defaults to the radius.
            try count(1...2)
            options.blur = arguments.count == 2 ? try number(1, in: 0...100) : try number(0, in: 0...100)
        case "upscale":
            try count(0...0)
            options.enlarge = true
        case "no_upscale":
            try count(0...0)
            options.enlarge = false
        case "strip_exif":
            try count(0...0)
            (options.stripMetadata, options.keepCopyright) = (true, false)
        case "strip_icc":
            try count(0...0)
            options.stripColorProfile = true
        case "max_bytes":
            try count(1...1)
            options.maxBytes = Int(try number(0, in: 1...100_000_000))
        case "background_color":
            try count(1...1)
            guard let colour = RGBColor(hex: arguments[0]) else {
                throw OptionsError.invalidArgument(filter.name, arguments[0])
            }
            options.background = colour
        case "brightness":
            try count(1...1)
            options.adjustment.brightness += (255 * Double(Int(try number(0, in: -100...100)))) / 100
        case "contrast":
            // thumbor scales each channel's distance from 128 by ((100 + amount) / 100) squared.
            try count(1...1)
            let factor = (100 + Double(Int(try number(0, in: -100...100)))) / 100
            options.adjustment.contrast *= factor * factor
        case "saturation":
            try count(1...1)
            options.adjustment.saturation *= try number(0, in: 0...100)
        case "grayscale":
            try count(0...0)
            options.adjustment.saturation = 0
        case "rgb":
            try count(3...3)
            for channel in 0..<3 {
                options.adjustment.channelOffsets[channel] += 255 * Double(Int(try number(channel, in: -100...100))) / 100
            }
        case "proportion":
            // The result scaled by the proportion (thumbor ignores values outside 0 < p <= 1).
            try count(1...1)
            let proportion = try number(0, in: -1_000...1_000)
            if proportion > 0, proportion <= 1 { (options.zoomX, options.zoomY) = (proportion, proportion) }
        case "stretch":
            try count(0...0)
            if options.width > 0, options.height > 0 { options.resizingType = .force }
        case "fill":
            // The result centred on a canvas of the requested size: a colour, transparent, the image's median
            // colour (auto) or the image itself blurred.
            try count(1...2)
            let colour = arguments[0].lowercased()
            options.extend = true
            options.extendGravity = .center
            if colour == "auto" || colour == "blur" {
                options.canvasFill = colour == "auto" ? .auto : .blur
            } else if colour == "transparent" {
                options.background = nil
            } else {
                guard let parsed = RGBColor(hex: colour) ?? RGBColor(named: colour) else {
                    throw OptionsError.invalidArgument(filter.name, arguments[0])
                }
                options.background = parsed
            }
        case "sharpen":
            // sharpen(amount,radius,luminance_only): libvips' unsharp mask with the radius as its sigma.
            try count(2...3)
            _ = try number(0, in: 0...10)
            options.sharpen = max(0.1, try number(1, in: 0...20))
        case "rotate":
            // thumbor turns the result counter-clockwise, after the resize.
            try count(1...1)
            let angle = Int(try number(0, in: -3600...3600))
            guard angle % 90 == 0 else { throw OptionsError.invalidArgument(filter.name, arguments[0]) }
            options.resultQuarterTurns = ((-angle / 90) % 4 + 4) % 4
        case "round_corner":
            // round_corner(a|b,r,g,b[,transparent]): elliptical radii, the corners' colour, or transparent.
            try count(4...5)
            let radii = arguments[0].split(separator: "|", omittingEmptySubsequences: false)
            guard (1...2).contains(radii.count), let radiusX = Int(radii[0]), (1...100_000).contains(radiusX),
                  let radiusY = radii.count == 2 ? Int(radii[1]) : radiusX, (1...100_000).contains(radiusY) else {
                throw OptionsError.invalidArgument(filter.name, arguments[0])
            }
            let channels = try (1...3).map { UInt8(try number($0, in: 0...255)) }
            let transparent = arguments.count == 5 && ["1", "true", "True"].contains(arguments[4])
            options.roundCorners = RoundCorners(radiusX: radiusX, radiusY: radiusY, color: transparent
                ? nil : RGBColor(red: channels[0], green: channels[1], blue: channels[2]))
        case "focal":
            // focal(LxT:RxB): the crop centres on that region of the source.
            try count(1...1)
            let corners = arguments[0].split(separator: ":").map { $0.split(separator: "x").compactMap { Int($0) } }
            guard corners.count == 2, corners.allSatisfy({ $0.count == 2 }), corners[1][0] > corners[0][0],
                  corners[1][1] > corners[0][1], corners.joined().allSatisfy({ (0...ProcessingOptions.maxSide).contains($0) }) else {
                throw OptionsError.invalidArgument(filter.name, arguments[0])
            }
            options.focalRegion = FocalRegion(left: corners[0][0], top: corners[0][1], right: corners[1][0],
                                              bottom: corners[1][1])
        case "watermark":
            try count(4...6)
            options.watermark = try Self.watermark(arguments)
        case let name where Self.knownFilters.contains(name):
            throw OptionsError.unsupported("filter \(name)")
        default:
            throw OptionsError.unknownFilter(filter.name)
        }
    }

    /// The image as a source URL.
    private func source() throws -> String { try Self.sourceURL(image) }

    /// An image reference as a source URL: `http(s)` (plain or percent-encoded) or a path (percent-decoded) under
    /// the local root.
    static func sourceURL(_ reference: String) throws -> String {
        var image = reference
        let lower = image.lowercased()
        if lower.hasPrefix("http%3a") || lower.hasPrefix("https%3a") || lower.hasPrefix("s3%3a") {
            guard let decoded = PercentEncoding.decode(image) else { throw OptionsError.invalidSource }
            image = decoded
        }
        guard !image.contains("://") else { return try SourceReference.url(image) }
        // thumbor's file loader unquotes the path (which may not then name a scheme).
        guard let path = PercentEncoding.decode(image), !path.contains("://") else { throw OptionsError.invalidSource }
        return try SourceReference.url(path)
    }

    private static func pixels(_ dimension: Dimension) -> Int {
        if case .pixels(let value) = dimension { return value }
        return 0
    }
}
