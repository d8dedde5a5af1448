import CVips
import CVipsShim

extension VImage {
    /// Decodes `bytes` with one named libvips loader (never by sniffing) and loader options.
    ///
    /// - Parameters:
    ///   - loader: a libvips buffer loader such as `jpegload_buffer`.
    ///   - options: a libvips option string such as `shrink=8,access=sequential`.
    /// The bytes are copied into a libvips-owned blob, so the image may outlive them.
    public static func load(
        _ bytes: UnsafeRawBufferPointer, loader: String, options: String = ""
    ) throws -> VImage {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw VipsError(operation: loader, message: "empty input")
        }
        return try make(loader) { out in
            mp_load_buffer(loader, base, bytes.count, options, out)
        }
    }

    /// Decodes `bytes` with a named loader; see `load(_:loader:options:)`.
    public static func load(
        _ bytes: [UInt8], loader: String, options: String = ""
    ) throws -> VImage {
        try bytes.withUnsafeBytes { raw in try load(raw, loader: loader, options: options) }
    }

    /// Makes an image from packed 8-bit pixels (`width * height * bands` bytes, copied).
    public static func fromPixels(_ pixels: [UInt8], width: Int, height: Int, bands: Int) throws -> VImage {
        guard pixels.count == width * height * bands else {
            throw VipsError(operation: "new_from_memory", message: "pixel count does not match the size")
        }
        return try pixels.withUnsafeBytes { raw in
            try make("new_from_memory") { out in
                mp_new_from_memory(raw.baseAddress, raw.count, Int32(width), Int32(height), Int32(bands), out)
            }
        }
    }
}
