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
