import MediaFormats

extension ProcessingOptions {
    /// imgproxy's sizing refinements, effects, watermark, pass-through and security options, and the colour
    /// adjustments (imgproxy Pro's names; thumbor's colour filters parse into the same fields).
    static let extraOptionTable: [([String], Apply)] = [
        (["min-width", "min_width", "mw"], { options, args in
            try args.limit(1)
            if let value = try args.int(0, in: 0...Self.maxSide) { options.minWidth = value }
        }),
        (["min-height", "min_height", "mh"], { options, args in
            try args.limit(1)
            if let value = try args.int(0, in: 0...Self.maxSide) { options.minHeight = value }
        }),
        (["zoom", "z"], { options, args in
            try args.limit(2)
            let range = 0.0001...100.0
            guard let x = try args.double(0, in: range) else { return }
            guard x > 0 else { throw OptionsError.invalidArgument(args.option, args.values[0]) }
            options.zoomX = x
            options.zoomY = try args.double(1, in: range) ?? x
        }),
        (["extend_aspect_ratio", "extend_ar", "exar"], { options, args in
            if let value = try args.bool(0) { options.extendAspectRatio = value }
            if let gravity = try args.gravity(from: 1) {
                if gravity == .smart { throw OptionsError.invalidArgument(args.option, "sm") }
                options.extendAspectRatioGravity = gravity
            }
        }),
        // MediaProxy's own, for thumbor's adaptive fit-in.
        (["adaptive_orientation", "ao"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.adaptiveOrientation = value }
        }),
        // MediaProxy's own: thumbor's `meta/`, the operations as JSON instead of the image.
        (["meta"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.describeOnly = value }
        }),
        (["pixelate", "pix"], { options, args in
            try args.limit(1)
            if let value = try args.int(0, in: 0...10_000) { options.pixelate = value }
        }),
        (["brightness", "br"], { options, args in
            try args.limit(1)
            if let value = try args.double(0, in: -255...255) { options.adjustment.brightness = value }
        }),
        (["contrast", "co"], { options, args in
            try args.limit(1)
            if let value = try args.double(0, in: 0...100) { options.adjustment.contrast = value }
        }),
        (["saturation", "sa"], { options, args in
            try args.limit(1)
            if let value = try args.double(0, in: 0...100) { options.adjustment.saturation = value }
        }),
        (["adjust", "a"], { options, args in
            try args.limit(3)
            if let value = try args.double(0, in: -255...255) { options.adjustment.brightness = value }
            if let value = try args.double(1, in: 0...100) { options.adjustment.contrast = value }
            if let value = try args.double(2, in: 0...100) { options.adjustment.saturation = value }
        }),
        // MediaProxy's own: thumbor's rgb() filter, offsets added to each channel.
        (["rgb_offset", "rgbo"], { options, args in
            try args.limit(3)
            for index in 0..<3 {
                if let value = try args.double(index, in: -255...255) { options.adjustment.channelOffsets[index] = value }
            }
        }),
        (["watermark", "wm"], { options, args in try options.applyWatermark(args) }),
        (["watermark_url", "wmu"], { options, args in
            try args.limit(1)
            if args.isReset || !args.has(0) {
                options.watermark?.source = nil
                return
            }
            guard let bytes = Base64URL.decode(args.values[0]), let url = String(validating: bytes, as: UTF8.self),
                  !url.isEmpty else {
                throw OptionsError.invalidArgument(args.option, args.values[0])
            }
            var mark = options.watermark ?? WatermarkOptions()
            mark.source = url
            options.watermark = mark
        }),
        (["enforce_thumbnail", "eth"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.enforceThumbnail = value }
        }),
        (["skip_processing", "skp"], { options, args in
            var formats: Set<ImageFormat> = []
            for value in args.values where !value.isEmpty {
                let name = value.lowercased()
                guard let format = ImageFormat(extension: name == "jpeg" ? "jpg" : name) else {
                    throw OptionsError.unsupportedFormat(value)
                }
                formats.insert(format)
            }
            options.skipProcessing = formats
        }),
        (["raw"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.raw = value }
        }),
        (["max_src_resolution", "msr"], { options, args in
            try args.limit(1)
            options.sourceLimits.maxResolution = try args.double(0, in: 0.000001...100_000)
        }),
        (["max_src_file_size", "msfs"], { options, args in
            try args.limit(1)
            options.sourceLimits.maxFileSize = try args.int(0, in: 1...Int(Int32.max))
        }),
        (["max_animation_frames", "maf"], { options, args in
            try args.limit(1)
            options.sourceLimits.maxAnimationFrames = try args.int(0, in: 1...1_000_000)
        }),
        (["max_result_dimension", "mrd"], { options, args in
            try args.limit(1)
            options.sourceLimits.maxResultDimension = try args.int(0, in: 1...1_000_000)
        }),
        (["max_animation_frame_resolution", "mafr"], { options, args in
            try args.limit(1)
            options.sourceLimits.maxAnimationFrameResolution = try args.double(0, in: 0.000001...100_000)
        }),
    ]
}
