import CVips
import CVipsShim

extension VImage {
    /// A copy with no EXIF, XMP, IPTC, ICC profile, orientation or comments attached.
    public func withoutMetadata() throws -> VImage {
        let copy = try VImage.make("copy") { mp_copy(pointer, $0) }
        mp_remove_metadata(copy.pointer)
        return copy
    }

    /// A copy whose only metadata is the given EXIF block.
    public func withOnlyEXIF(_ exif: [UInt8]) throws -> VImage {
        let copy = try withoutMetadata()
        exif.withUnsafeBytes { mp_set_exif(copy.pointer, $0.baseAddress, $0.count) }
        return copy
    }

    /// A metadata blob by name (e.g. "exif-data", "icc-profile-data"), nil when absent.
    public func blob(named name: String) -> [UInt8]? {
        guard vips_image_get_typeof(pointer, name) != 0 else { return nil }
        var data: UnsafeRawPointer?
        var length = 0
        guard vips_image_get_blob(pointer, name, &data, &length) == 0, let data else { return nil }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }
}
