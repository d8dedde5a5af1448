internal import CVipsShim

extension VImage {
    /// Gaussian blur with standard deviation `sigma`.
    public func blurred(sigma: Double) throws -> VImage {
        try VImage.make("gaussblur") { mp_gaussblur(pointer, $0, sigma) }
    }

    /// Unsharp-mask sharpening with standard deviation `sigma`.
    public func sharpened(sigma: Double) throws -> VImage {
        try VImage.make("sharpen") { mp_sharpen(pointer, $0, sigma) }
    }
}

extension VImage {
    /// A mosaic of `blockSize` x `blockSize` squares, each its pixels' average; the size stays the same.
    public func pixelated(blockSize: Int) throws -> VImage {
        try VImage.make("pixelate") { mp_pixelate(pointer, $0, Int32(blockSize)) }
    }

    /// `self * multipliers[i] + addends[i]` per band, rounded and clipped to 8 bits.
    public func linearToBytes(multipliers: [Double], addends: [Double]) throws -> VImage {
        precondition(multipliers.count == addends.count, "one multiplier and one addend per band")
        return try VImage.make("linear") { out in
            multipliers.withUnsafeBufferPointer { a in
                addends.withUnsafeBufferPointer { b in
                    mp_linear(pointer, out, a.baseAddress, b.baseAddress, Int32(a.count), 1)
                }
            }
        }
    }

    /// Each output band as a weighted sum of the input bands (`matrix`: bands x bands, row-major).
    public func recombined(_ matrix: [Double]) throws -> VImage {
        precondition(matrix.count == bands * bands, "a bands x bands matrix")
        return try VImage.make("recomb") { out in
            matrix.withUnsafeBufferPointer { mp_recomb(pointer, out, $0.baseAddress, Int32(bands)) }
        }
    }

    /// `overlay` (which has alpha) drawn over this image with its top-left corner at (`x`, `y`); the result has
    /// an alpha band.
    public func compositing(_ overlay: VImage, x: Int, y: Int) throws -> VImage {
        try VImage.make("composite2") { mp_composite_over(pointer, overlay.pointer, $0, Int32(x), Int32(y)) }
    }
}
