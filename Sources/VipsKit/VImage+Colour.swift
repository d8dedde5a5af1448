internal import CVips
internal import CVipsShim

extension VImage {
    /// Converts to 8-bit sRGB through the embedded ICC profile, or `fallbackProfile` (a libvips name such as
    /// "cmyk" or "srgb", or a file path) when none is embedded. Alpha passes through.
    ///
    /// libvips' ICC transform leaves a 16-bit alpha band unscaled next to 8-bit colour, so alpha is split off,
    /// brought to 8 bits and joined back here.
    public func transformedToSRGB(fallbackProfile: String) throws -> VImage {
        guard hasAlpha else {
            return try VImage.make("icc_transform") { mp_icc_transform(pointer, $0, "srgb", fallbackProfile) }
        }
        let colour = try extractingBands(0, count: bands - 1)
        let transformed = try VImage.make("icc_transform") {
            mp_icc_transform(colour.pointer, $0, "srgb", fallbackProfile)
        }
        let alpha = try extractingBands(bands - 1)
        let alphaScale = bandFormat == .ushort ? 255.0 / 65535.0 : 1
        let alpha8 = try VImage.make("linear") { mp_linear1(alpha.pointer, $0, alphaScale, 0, 1) }
        return try VImage.make("bandjoin") { mp_bandjoin2(transformed.pointer, alpha8.pointer, $0) }
    }

    /// Converts to another libvips colour space (no ICC involved).
    public func converted(to space: Interpretation) throws -> VImage {
        try VImage.make("colourspace") { mp_colourspace(pointer, $0, space.vipsValue) }
    }

    /// Casts every band to another numeric format, clipping.
    public func cast(to format: BandFormat) throws -> VImage {
        try VImage.make("cast") { mp_cast(pointer, $0, format.vipsValue) }
    }

    /// Multiplies colour by alpha (result is float).
    public func premultiplied() throws -> VImage {
        try VImage.make("premultiply") { mp_premultiply(pointer, $0) }
    }

    /// Divides colour by alpha (result is float).
    public func unpremultiplied() throws -> VImage {
        try VImage.make("unpremultiply") { mp_unpremultiply(pointer, $0) }
    }

    /// Composites alpha onto a solid `background` (one value per colour band), dropping the alpha band.
    public func flattened(background: [Double]) throws -> VImage {
        try VImage.make("flatten") { out in
            background.withUnsafeBufferPointer { mp_flatten(pointer, out, $0.baseAddress, Int32($0.count)) }
        }
    }

    /// Takes `count` bands starting at `band`.
    public func extractingBands(_ band: Int, count: Int = 1) throws -> VImage {
        try VImage.make("extract_band") { mp_extract_band(pointer, $0, Int32(band), Int32(count)) }
    }

    /// Appends one constant band (for example an opaque alpha).
    public func appendingBand(value: Double) throws -> VImage {
        try VImage.make("bandjoin_const") { mp_bandjoin_const1(pointer, $0, value) }
    }
}

extension VImage {
    /// This image's bands followed by `other`'s (same size).
    public func joiningBands(_ other: VImage) throws -> VImage {
        try VImage.make("bandjoin") { mp_bandjoin2(pointer, other.pointer, $0) }
    }
}

extension VImage {
    /// This one-band image times `mask / 255` (both 8-bit), rounded: an alpha channel cut by a mask.
    public func multipliedByMask(_ mask: VImage) throws -> VImage {
        let product = try VImage.make("multiply") { mp_multiply(pointer, mask.pointer, $0) }
        return try VImage.make("linear") { mp_linear1(product.pointer, $0, 1.0 / 255, 0, 1) }
    }
}
