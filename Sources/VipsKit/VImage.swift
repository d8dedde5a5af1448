internal import CVips
internal import CVipsShim

/// A libvips image: owns exactly one reference and releases it when it goes away.
///
/// Like libvips' own C++ `VImage`, every operation returns a new image and leaves its input unchanged.
/// Not `Sendable`: an image stays inside the one job (and thread) that made it.
public final class VImage {
    let pointer: UnsafeMutablePointer<CVips.VipsImage>

    /// Takes ownership of one reference.
    init(owning pointer: UnsafeMutablePointer<CVips.VipsImage>) {
        self.pointer = pointer
    }

    deinit {
        mp_image_unref(pointer)
    }

    /// Width in pixels.
    public var width: Int { Int(mp_image_width(pointer)) }
    /// Height in pixels.
    public var height: Int { Int(mp_image_height(pointer)) }
    /// Number of bands (channels), alpha included.
    public var bands: Int { Int(mp_image_bands(pointer)) }
    /// Whether the last band is alpha.
    public var hasAlpha: Bool { mp_image_has_alpha(pointer) != 0 }
    /// How libvips interprets the pixel values.
    public var interpretation: Interpretation { Interpretation(mp_image_interpretation(pointer)) }
    /// Numeric format of each band.
    public var bandFormat: BandFormat { BandFormat(mp_image_format(pointer)) }
    /// Whether an ICC profile is attached.
    public var hasICCProfile: Bool { mp_image_has_field(pointer, "icc-profile-data") != 0 }

    /// Pages (frames) the loader reports for the whole file, 1 when it does not say.
    public var pageCount: Int { Int(mp_image_pages(pointer)) }

    /// Runs a shim call that writes a new image to `out`, turning failure into a thrown error.
    static func make(
        _ operation: String,
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CVips.VipsImage>?>) -> Int32
    ) throws -> VImage {
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        let status = body(&out)
        guard status == 0, let image = out else {
            if let image = out { mp_image_unref(image) }
            throw VipsError.takeFromBuffer(operation: operation)
        }
        return VImage(owning: image)
    }
}
