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
        g_object_unref(pointer)
    }

    /// Width in pixels.
    public var width: Int { Int(vips_image_get_width(pointer)) }
    /// Height in pixels.
    public var height: Int { Int(vips_image_get_height(pointer)) }
    /// Number of bands (channels), alpha included.
    public var bands: Int { Int(vips_image_get_bands(pointer)) }
    /// Whether the last band is alpha.
    public var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }
    /// How libvips interprets the pixel values.
    public var interpretation: Interpretation { Interpretation(vips_image_get_interpretation(pointer)) }
    /// Numeric format of each band.
    public var bandFormat: BandFormat { BandFormat(vips_image_get_format(pointer)) }
    /// Whether an ICC profile is attached.
    public var hasICCProfile: Bool { vips_image_get_typeof(pointer, "icc-profile-data") != 0 }

    /// Pages (frames) the loader reports for the whole file, 1 when it does not say.
    public var pageCount: Int { Int(vips_image_get_n_pages(pointer)) }

    /// Runs a shim call that writes a new image to `out`, turning failure into a thrown error.
    static func make(
        _ operation: String,
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CVips.VipsImage>?>) -> Int32
    ) throws -> VImage {
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        let status = body(&out)
        guard status == 0, let image = out else {
            if let image = out { g_object_unref(image) }
            throw VipsError.takeFromBuffer(operation: operation)
        }
        return VImage(owning: image)
    }
}
