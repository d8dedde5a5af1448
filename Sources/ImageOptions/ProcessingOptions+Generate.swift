import MediaFormats

extension ProcessingOptions {
    /// Writes the options in imgproxy's grammar with short names, only what differs from what the presets
    /// (and the `default` preset) already give; `""` for the defaults.
    ///
    /// Round trip: `ProcessingOptions(parsing: x.generated(presets: p), presets: p) == x`.
    public func generated(presets table: PresetTable = PresetTable()) -> String {
        let base = (try? ProcessingOptions(parsing: presets.isEmpty ? "" : "pr:" + presets.joined(separator: ":"),
                                           presets: table)) ?? ProcessingOptions()
        var segments: [String] = []
        if !presets.isEmpty { segments.append("pr:" + presets.joined(separator: ":")) }
        func add(_ differs: Bool, _ segment: @autoclosure () -> String) {
            if differs { segments.append(segment()) }
        }
        add(resizingType != base.resizingType, "rt:\(resizingType.rawValue)")
        add(width != base.width, "w:\(width)")
        add(height != base.height, "h:\(height)")
        add(dpr != base.dpr, "dpr:\(Self.number(dpr))")
        add(widthFromSource != base.widthFromSource, "wfs:\(Self.flag(widthFromSource))")
        add(heightFromSource != base.heightFromSource, "hfs:\(Self.flag(heightFromSource))")
        add(focalRegion != base.focalRegion, focalRegion.map { "fr:\($0.left):\($0.top):\($0.right):\($0.bottom)" } ?? "fr:")
        add(canvasFill != base.canvasFill, "cf:\(canvasFill.rawValue)")
        add(roundCorners != base.roundCorners,
            roundCorners.map { "rc:\($0.radiusX):\($0.radiusY)" + ($0.color.map { ":" + $0.hex } ?? "") } ?? "rc:0")
        add(resultQuarterTurns != base.resultQuarterTurns, "rr:\(resultQuarterTurns * 90)")
        add(adaptiveOrientation != base.adaptiveOrientation, "ao:\(Self.flag(adaptiveOrientation))")
        add(minWidth != base.minWidth, "mw:\(minWidth)")
        add(minHeight != base.minHeight, "mh:\(minHeight)")
        add(zoomX != base.zoomX || zoomY != base.zoomY, "z:\(Self.number(zoomX)):\(Self.number(zoomY))")
        add(enlarge != base.enlarge, "el:\(Self.flag(enlarge))")
        add(extend != base.extend || extendGravity != base.extendGravity,
            "ex:\(Self.flag(extend)):\(Self.gravityArguments(extendGravity))")
        add(extendAspectRatio != base.extendAspectRatio || extendAspectRatioGravity != base.extendAspectRatioGravity,
            "exar:\(Self.flag(extendAspectRatio)):\(Self.gravityArguments(extendAspectRatioGravity))")
        add(gravity != base.gravity, "g:\(Self.gravityArguments(gravity))")
        add(crop != base.crop, Self.cropSegment(crop))
        add(trim != base.trim, Self.trimSegment(trim))
        add(padding != base.padding, Self.paddingSegment(padding))
        add(autoRotate != base.autoRotate, "ar:\(Self.flag(autoRotate))")
        add(rotate != base.rotate, "rot:\(rotate)")
        add(flip != base.flip, "fl:\(Self.flag(flip.horizontal)):\(Self.flag(flip.vertical))")
        add(background != base.background, "bg:\(background?.hex ?? "")")
        add(blur != base.blur, "bl:\(Self.number(blur))")
        add(sharpen != base.sharpen, "sh:\(Self.number(sharpen))")
        add(pixelate != base.pixelate, "pix:\(pixelate)")
        add(adjustment.saturation != base.adjustment.saturation, "sa:\(Self.number(adjustment.saturation))")
        add(adjustment.brightness != base.adjustment.brightness, "br:\(Self.number(adjustment.brightness))")
        add(adjustment.channelOffsets != base.adjustment.channelOffsets,
            "rgbo:" + adjustment.channelOffsets.map(Self.number).joined(separator: ":"))
        add(adjustment.contrast != base.adjustment.contrast, "co:\(Self.number(adjustment.contrast))")
        if watermark != base.watermark { segments += Self.watermarkSegments(watermark) }
        add(quality != base.quality, "q:\(quality)")
        add(formatQuality != base.formatQuality, Self.formatQualitySegment(formatQuality, base: base.formatQuality))
        add(format != base.format, "f:\(format?.rawValue ?? "")")
        add(stripMetadata != base.stripMetadata, "sm:\(Self.flag(stripMetadata))")
        add(keepCopyright != base.keepCopyright, "kcr:\(Self.flag(keepCopyright))")
        add(stripColorProfile != base.stripColorProfile, "scp:\(Self.flag(stripColorProfile))")
        add(maxBytes != base.maxBytes, "mb:\(maxBytes)")
        add(page != base.page, "pg:\(page.map(String.init) ?? "")")
        add(disableAnimation != base.disableAnimation, "da:\(Self.flag(disableAnimation))")
        add(videoSecond != base.videoSecond, "vts:\(Self.number(videoSecond))")
        add(gifPalette != base.gifPalette, "gp:\(gifPalette.rawValue)")
        add(enforceThumbnail != base.enforceThumbnail, "eth:\(Self.flag(enforceThumbnail))")
        add(skipProcessing != base.skipProcessing,
            "skp:" + skipProcessing.map(\.rawValue).sorted().joined(separator: ":"))
        add(raw != base.raw, "raw:\(Self.flag(raw))")
        add(describeOnly != base.describeOnly, "meta:\(Self.flag(describeOnly))")
        add(sourceLimits.maxResolution != base.sourceLimits.maxResolution,
            "msr:\(sourceLimits.maxResolution.map(Self.number) ?? "")")
        add(sourceLimits.maxFileSize != base.sourceLimits.maxFileSize,
            "msfs:\(sourceLimits.maxFileSize.map(String.init) ?? "")")
        add(sourceLimits.maxAnimationFrames != base.sourceLimits.maxAnimationFrames,
            "maf:\(sourceLimits.maxAnimationFrames.map(String.init) ?? "")")
        add(sourceLimits.maxResultDimension != base.sourceLimits.maxResultDimension,
            "mrd:\(sourceLimits.maxResultDimension.map(String.init) ?? "")")
        add(sourceLimits.maxAnimationFrameResolution != base.sourceLimits.maxAnimationFrameResolution,
            "mafr:\(sourceLimits.maxAnimationFrameResolution.map(Self.number) ?? "")")
        add(cacheBuster != base.cacheBuster, "cb:\(Self.text(cacheBuster))")
        add(expires != base.expires, "exp:\(expires.map(String.init) ?? "")")
        add(filename != base.filename, "fn:\(Self.text(filename))")
        add(returnAttachment != base.returnAttachment, "att:\(Self.flag(returnAttachment))")
        return segments.joined(separator: "/")
    }

    private static func flag(_ value: Bool) -> String { value ? "1" : "0" }

    /// Shortest text that parses back to the same double.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static func text(_ value: String?) -> String {
        value.map { PercentEncoding.encode($0) } ?? ""
    }

    static func gravityArguments(_ gravity: Gravity) -> String {
        switch gravity {
        case .smart:
            return "sm"
        case let .focusPoint(x, y):
            return "fp:\(number(x)):\(number(y))"
        case let .anchor(anchor, xOffset, yOffset):
            if xOffset == 0, yOffset == 0 { return anchor.rawValue }
            return "\(anchor.rawValue):\(number(xOffset)):\(number(yOffset))"
        }
    }

    private static func cropSegment(_ crop: CropOptions?) -> String {
        guard let crop else { return "c:0:0" }
        let size = "c:\(number(crop.width)):\(number(crop.height))"
        return crop.gravity.map { size + ":" + gravityArguments($0) } ?? size
    }

    private static func trimSegment(_ trim: TrimOptions?) -> String {
        guard let trim else { return "t:-1" }
        return "t:\(number(trim.threshold)):\(trim.color?.hex ?? ""):\(flag(trim.equalHorizontal)):\(flag(trim.equalVertical))"
            + (trim.fromBottomRight || trim.euclidean ? (trim.fromBottomRight ? ":br" : ":tl") : "")
            + (trim.euclidean ? ":1" : "")
    }

    private static func paddingSegment(_ padding: Padding?) -> String {
        guard let padding else { return "pd:0" }
        return "pd:\(padding.top):\(padding.right):\(padding.bottom):\(padding.left)"
    }

    private static func formatQualitySegment(_ qualities: [ImageFormat: Int], base: [ImageFormat: Int]) -> String {
        let formats = Set(qualities.keys).union(base.keys).sorted { $0.rawValue < $1.rawValue }
        let pairs = formats.compactMap { format -> String? in
            let value = qualities[format] ?? 0
            return value == (base[format] ?? 0) ? nil : "\(format.rawValue):\(value)"
        }
        return "fq:" + pairs.joined(separator: ":")
    }
}
