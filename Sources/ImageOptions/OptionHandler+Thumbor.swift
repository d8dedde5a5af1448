extension ProcessingOptions {
    /// MediaProxy's own options for what thumbor's paths say and imgproxy's grammar cannot: so that every value
    /// is written in the one canonical grammar (the cache key).
    static let thumborOptionTable: [([String], Apply)] = [
        // w:orig / h:orig, thumbor's `orig`: the source's own width or height.
        (["width_from_source", "wfs"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.widthFromSource = value }
        }),
        (["height_from_source", "hfs"], { options, args in
            try args.limit(1)
            if let value = try args.bool(0) { options.heightFromSource = value }
        }),
        (["focal_region", "fr"], { options, args in
            try args.limit(4)
            if args.isReset { options.focalRegion = nil; return }
            guard let left = try args.int(0, in: 0...Self.maxSide), let top = try args.int(1, in: 0...Self.maxSide),
                  let right = try args.int(2, in: 0...Self.maxSide), let bottom = try args.int(3, in: 0...Self.maxSide),
                  right > left, bottom > top else {
                throw OptionsError.invalidArgument(args.option, args.values.joined(separator: ":"))
            }
            options.focalRegion = FocalRegion(left: left, top: top, right: right, bottom: bottom)
        }),
        (["canvas_fill", "cf"], { options, args in
            try args.limit(1)
            guard args.has(0) else { return }
            guard let fill = CanvasFill(rawValue: String(args.values[0])) else {
                throw OptionsError.invalidArgument(args.option, args.values[0])
            }
            options.canvasFill = fill
        }),
        // rc:%rx:%ry[:%hex] (no colour: transparent corners), rc:0 off.
        (["round_corners", "rc"], { options, args in
            try args.limit(3)
            guard let radiusX = try args.int(0, in: 0...100_000), radiusX > 0 else { options.roundCorners = nil; return }
            let radiusY = try args.int(1, in: 1...100_000) ?? radiusX
            var color: RGBColor?
            if args.has(2) {
                guard let parsed = RGBColor(hex: args.values[2]) else {
                    throw OptionsError.invalidArgument(args.option, args.values[2])
                }
                color = parsed
            }
            options.roundCorners = RoundCorners(radiusX: radiusX, radiusY: radiusY, color: color)
        }),
        (["result_rotate", "rr"], { options, args in
            try args.limit(1)
            guard let value = try args.int(0, in: -3600...3600) else { return }
            guard value % 90 == 0 else { throw OptionsError.invalidArgument(args.option, args.values[0]) }
            options.resultQuarterTurns = ((value / 90) % 4 + 4) % 4
        }),
    ]
}
