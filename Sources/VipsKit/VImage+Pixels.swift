internal import CVips
internal import CVipsShim

extension VImage {
    /// The band values of one pixel.
    public func pixel(x: Int, y: Int) throws -> [Double] {
        var values: UnsafeMutablePointer<Double>?
        var count: Int32 = 0
        guard mp_getpoint(pointer, &values, &count, Int32(x), Int32(y)) == 0, let values else {
            throw VipsError.takeFromBuffer(operation: "getpoint")
        }
        defer { mp_free(values) }
        return Array(UnsafeBufferPointer(start: values, count: Int(count)))
    }

    /// Computes every pixel now and keeps them in memory, so the result can be read or encoded many times.
    public func materialized() throws -> VImage {
        try VImage.make("copy_memory") { mp_copy_memory(pointer, $0) }
    }

    /// The pixels packed row by row (8-bit images only).
    public func pixelBytes() throws -> [UInt8] {
        var length = 0
        guard let data = mp_write_to_memory(pointer, &length) else {
            throw VipsError.takeFromBuffer(operation: "write_to_memory")
        }
        defer { mp_free(data) }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }
}

extension VImage {
    /// The image as packed 8-bit sRGB RGBA (an opaque alpha band is added when there is none).
    public func rgbaBytes() throws -> [UInt8] {
        var image = self
        if image.bands < 3 { image = try image.converted(to: .sRGB) }
        if image.bandFormat != .uchar { image = try image.cast(to: .uchar) }
        if image.bands == 3 { image = try image.appendingBand(value: 255) }
        return try image.pixelBytes()
    }
}
