internal import CVips
internal import CVipsShim

/// A quarter-turn rotation, clockwise.
public enum QuarterTurn: Int, Sendable, CaseIterable {
    case none = 0, clockwise90 = 90, clockwise180 = 180, clockwise270 = 270

    var vipsAngle: VipsAngle {
        switch self {
        case .none: VIPS_ANGLE_D0
        case .clockwise90: VIPS_ANGLE_D90
        case .clockwise180: VIPS_ANGLE_D180
        case .clockwise270: VIPS_ANGLE_D270
        }
    }
}

/// What a smart crop looks for.
public enum SmartCropStrategy: Sendable {
    /// Edges, skin tones and saturated colours (libvips' `attention`).
    case attention
    /// The most busy region (libvips' `entropy`).
    case entropy

    var vipsValue: VipsInteresting {
        switch self {
        case .attention: VIPS_INTERESTING_ATTENTION
        case .entropy: VIPS_INTERESTING_ENTROPY
        }
    }
}

extension VImage {
    /// Resamples with Lanczos3 by independent horizontal and vertical factors.
    public func resized(horizontal: Double, vertical: Double) throws -> VImage {
        try VImage.make("resize") { mp_resize(pointer, $0, horizontal, vertical) }
    }

    /// Averages `horizontal` x `vertical` blocks into one pixel (integer box shrink).
    public func boxShrunk(horizontal: Int, vertical: Int) throws -> VImage {
        try VImage.make("shrink") { mp_shrink(pointer, $0, Int32(horizontal), Int32(vertical)) }
    }

    /// Cuts out a rectangle; it must lie inside the image.
    public func cropped(left: Int, top: Int, width: Int, height: Int) throws -> VImage {
        try VImage.make("extract_area") {
            mp_extract_area(pointer, $0, Int32(left), Int32(top), Int32(width), Int32(height))
        }
    }

    /// Crops to `width` x `height` around the most interesting region.
    public func smartCropped(width: Int, height: Int, strategy: SmartCropStrategy = .attention) throws -> VImage {
        try VImage.make("smartcrop") {
            mp_smartcrop(pointer, $0, Int32(width), Int32(height), strategy.vipsValue)
        }
    }

    /// Places the image at (`x`, `y`) on a `width` x `height` canvas filled with `background` (one value per band).
    public func embedded(x: Int, y: Int, width: Int, height: Int, background: [Double]) throws -> VImage {
        try VImage.make("embed") { out in
            background.withUnsafeBufferPointer {
                mp_embed(pointer, out, Int32(x), Int32(y), Int32(width), Int32(height), $0.baseAddress, Int32($0.count))
            }
        }
    }

    /// Rotates by a quarter-turn multiple.
    public func rotated(_ turn: QuarterTurn) throws -> VImage {
        try VImage.make("rot") { mp_rot(pointer, $0, turn.vipsAngle) }
    }

    /// Rotates upright by the "orientation" metadata libvips read from EXIF.
    public func autoRotated() throws -> VImage {
        try VImage.make("autorot") { mp_autorot(pointer, $0) }
    }

    /// Mirrors left-right.
    public func flippedHorizontally() throws -> VImage {
        try VImage.make("flip") { mp_flip(pointer, $0, VIPS_DIRECTION_HORIZONTAL) }
    }

    /// Mirrors top-bottom.
    public func flippedVertically() throws -> VImage {
        try VImage.make("flip") { mp_flip(pointer, $0, VIPS_DIRECTION_VERTICAL) }
    }

    /// The bounding box of what differs from `background` by more than `threshold`; nil if nothing does.
    public func trimBounds(threshold: Double, background: [Double]) throws -> (left: Int, top: Int, width: Int, height: Int)? {
        var left: Int32 = 0, top: Int32 = 0, width: Int32 = 0, height: Int32 = 0
        let status = background.withUnsafeBufferPointer {
            mp_find_trim(pointer, &left, &top, &width, &height, threshold, $0.baseAddress, Int32($0.count))
        }
        guard status == 0 else { throw VipsError.takeFromBuffer(operation: "find_trim") }
        guard width > 0, height > 0 else { return nil }
        return (Int(left), Int(top), Int(width), Int(height))
    }
}

extension VImage {
    /// `across` x `down` copies side by side.
    public func replicated(across: Int, down: Int) throws -> VImage {
        try VImage.make("replicate") { mp_replicate(pointer, $0, Int32(across), Int32(down)) }
    }
}
