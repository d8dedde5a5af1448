import ImageOptions

/// Where a smaller window goes inside a larger area: a crop inside an image, or an image on an extended canvas.
enum GravityPlacement {
    /// The window's top-left corner for an anchor or focal point; nil for smart gravity (libvips decides).
    /// Offsets move inward from the anchored edge, as in imgproxy. The window stays inside the area.
    static func origin(of size: (width: Int, height: Int), in outer: (width: Int, height: Int),
                       gravity: Gravity, offsetScale: Double = 1) -> (x: Int, y: Int)? {
        let spareX = outer.width - size.width
        let spareY = outer.height - size.height
        var x: Double
        var y: Double
        switch gravity {
        case .smart:
            return nil
        case let .focusPoint(fx, fy):
            x = fx * Double(outer.width) - Double(size.width) / 2
            y = fy * Double(outer.height) - Double(size.height) / 2
        case let .anchor(anchor, xOffset, yOffset):
            x = Double(spareX) * anchor.horizontalFraction
                + xOffset * offsetScale * (anchor.horizontalFraction == 1 ? -1 : 1)
            y = Double(spareY) * anchor.verticalFraction
                + yOffset * offsetScale * (anchor.verticalFraction == 1 ? -1 : 1)
        }
        return (clamp(x.rounded(), spareX), clamp(y.rounded(), spareY))
    }

    private static func clamp(_ value: Double, _ spare: Int) -> Int {
        Int(min(max(value, 0), Double(max(spare, 0))))
    }
}
