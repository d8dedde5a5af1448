internal import CVips
internal import CVipsShim

extension VImage {
    /// A copy with no EXIF, XMP, IPTC, ICC profile, orientation or comments attached.
    public func withoutMetadata() throws -> VImage {
        let copy = try VImage.make("copy") { mp_copy(pointer, $0) }
        mp_remove_metadata(copy.pointer)
        return copy
    }

    /// A copy with a blob (for example "exif-data" or "icc-profile-data") attached.
    public func withBlob(_ bytes: [UInt8], named name: String) throws -> VImage {
        let copy = try VImage.make("copy") { mp_copy(pointer, $0) }
        bytes.withUnsafeBytes { mp_set_blob(copy.pointer, name, $0.baseAddress, $0.count) }
        return copy
    }

    /// A copy with an EXIF orientation (1-8) that savers write; 1 marks pixels already upright.
    public func withOrientation(_ orientation: Int) throws -> VImage {
        let copy = try VImage.make("copy") { mp_copy(pointer, $0) }
        mp_set_int(copy.pointer, "orientation", Int32(orientation))
        return copy
    }

    /// A metadata blob by name (e.g. "exif-data", "icc-profile-data"), nil when absent.
    public func blob(named name: String) -> [UInt8]? {
        guard mp_image_has_field(pointer, name) != 0 else { return nil }
        var data: UnsafeRawPointer?
        var length = 0
        guard mp_image_get_blob(pointer, name, &data, &length) == 0, let data else { return nil }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// An integer metadata item by name, nil when absent.
    public func integer(named name: String) -> Int? {
        guard mp_image_has_field(pointer, name) != 0 else { return nil }
        var value: Int32 = 0
        guard mp_image_get_int(pointer, name, &value) == 0 else { return nil }
        return Int(value)
    }
}
