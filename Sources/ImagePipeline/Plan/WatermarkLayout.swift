import ImageOptions

/// Where a watermark goes on a result: its size and the origin of its tile pattern, pure arithmetic.
struct WatermarkLayout: Equatable, Sendable {
    /// The mark's size on the result.
    var markWidth: Int
    var markHeight: Int
    /// The top-left corner of the first copy.
    var x: Int
    var y: Int
    /// The distance from one copy to the next (mark plus gap) along a repeated axis; nil when not repeated.
    var stepX: Int?
    var stepY: Int?

    /// The layout of a `mark`-sized image on a `canvas`-sized result; offsets in pixels are multiplied by `dpr`.
    init(mark: (width: Int, height: Int), canvas: (width: Int, height: Int), options: WatermarkOptions,
         dpr: Double) {
        (markWidth, markHeight) = Self.size(of: mark, on: canvas, options: options)
        func offset(_ axis: WatermarkOptions.Axis, _ side: Int) -> Int {
            let pixels = axis.offsetIsPercent ? Double(side) * axis.offset / 100 : axis.offset * dpr
            return Int(pixels.rounded())
        }
        func place(_ axis: WatermarkOptions.Axis, _ side: Int, _ size: Int) -> (Int, Int?) {
            let shift = offset(axis, side)
            switch axis.edge {
            case .start: return (shift, nil)
            case .centre: return ((side - size) / 2 + shift, nil)
            case .end: return (side - size - shift, nil)
            case .repeated: return (0, size + max(shift, 0))
            }
        }
        (x, stepX) = place(options.horizontal, canvas.width, markWidth)
        (y, stepY) = place(options.vertical, canvas.height, markHeight)
    }

    /// thumbor's rule: fit the mark in `widthRatio` x `heightRatio` of the result (an unset ratio leaves that
    /// side free), keeping its aspect ratio; no ratio keeps its size.
    static func size(of mark: (width: Int, height: Int), on canvas: (width: Int, height: Int),
                     options: WatermarkOptions) -> (Int, Int) {
        let width = Double(max(mark.width, 1))
        let height = Double(max(mark.height, 1))
        guard options.widthRatio > 0 || options.heightRatio > 0 else { return (Int(width), Int(height)) }
        var boxWidth = Double(canvas.width) * options.widthRatio
        var boxHeight = Double(canvas.height) * options.heightRatio
        if options.widthRatio <= 0 { boxWidth = width * boxHeight / height }
        if options.heightRatio <= 0 { boxHeight = height * boxWidth / width }
        let scale = min(boxWidth / width, boxHeight / height)
        return (max(1, Int((width * scale).rounded())), max(1, Int((height * scale).rounded())))
    }
}
