internal import CVips
internal import CVipsShim

extension VImage {
    /// Decodes `bytes` with one loader, chosen by the caller from the probed format (never by libvips' sniffing).
    ///
    /// The bytes are copied into a libvips-owned blob, so the image may outlive them.
    public static func load(_ bytes: UnsafeRawBufferPointer, as loader: ImageLoader,
                            options: LoadOptions = LoadOptions()) throws -> VImage {
        try load(bytes, vipsLoader: loader.rawValue, options: options.optionString(for: loader))
    }

    /// Runs any libvips buffer loader by name with an option string (blocked loaders fail): for tests of the
    /// allow-list, never for the pipeline.
    static func load(_ bytes: UnsafeRawBufferPointer, vipsLoader name: String, options: String) throws -> VImage {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw VipsError(operation: name, message: "empty input")
        }
        try VipsRuntime.ensureStarted()
        return try make(name) { out in mp_load_buffer(name, base, bytes.count, options, out) }
    }

    /// Decodes a byte array; see `load(_:as:options:)`.
    public static func load(_ bytes: [UInt8], as loader: ImageLoader,
                            options: LoadOptions = LoadOptions()) throws -> VImage {
        try bytes.withUnsafeBytes { raw in try load(raw, as: loader, options: options) }
    }

    /// Makes an image from packed 8-bit pixels (`width * height * bands` bytes, copied).
    public static func fromPixels(_ pixels: [UInt8], width: Int, height: Int, bands: Int) throws -> VImage {
        guard pixels.count == width * height * bands else {
            throw VipsError(operation: "new_from_memory", message: "pixel count does not match the size")
        }
        try VipsRuntime.ensureStarted()
        return try pixels.withUnsafeBytes { raw in
            try make("new_from_memory") { out in
                mp_new_from_memory(raw.baseAddress, raw.count, Int32(width), Int32(height), Int32(bands), out)
            }
        }
    }
}

extension VImage {
    /// Decodes a JPEG straight through libjpeg-turbo with DCT scaling (1/`shrink`), for shrink-on-load;
    /// `fast` selects the fast integer IDCT without fancy upsampling. Returns nil for CMYK/YCCK JPEGs, which
    /// need libvips' own loader.
    public static func decodeJPEG(_ bytes: [UInt8], shrink: Int, fast: Bool, failOnTruncated: Bool) throws -> VImage? {
        try VipsRuntime.ensureStarted()
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        let status = bytes.withUnsafeBytes {
            mp_jpeg_decode_scaled($0.baseAddress, $0.count, Int32(shrink), fast ? 1 : 0, failOnTruncated ? 1 : 0, &out)
        }
        switch status {
        case 0:
            guard let out else { throw VipsError(operation: "jpeg", message: "no image") }
            return VImage(owning: out)
        case -2:
            return nil
        default:
            throw VipsError.takeFromBuffer(operation: "jpeg")
        }
    }
}
