internal import CVips
internal import CVipsShim

/// Encoder settings for one output format.
public enum EncodeSettings: Sendable, Equatable {
    /// Baseline or progressive JPEG, with a restart marker every `restartInterval` MCUs (0: none).
    case jpeg(quality: Int, progressive: Bool, optimizeCoding: Bool, restartInterval: Int = 0)
    /// PNG, optionally palette-quantised (libimagequant) at a quality.
    case png(compression: Int, palette: Bool, quality: Int)
    /// WebP, lossy at a quality or lossless.
    case webp(quality: Int, lossless: Bool, effort: Int)
    /// AVIF (AV1 in HEIF); effort 0 is fastest, 9 smallest.
    case avif(quality: Int, effort: Int)
    /// GIF (palette via libimagequant).
    case gif(effort: Int)
    /// JPEG XL through libjxl; effort 1 is fastest, 9 smallest.
    case jxl(quality: Int, effort: Int, lossless: Bool)
}

extension VImage {
    /// Encodes to bytes; `strip` drops every metadata item the saver would otherwise write.
    public func encoded(_ settings: EncodeSettings, strip: Bool) throws -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let stripFlag: Int32 = strip ? 1 : 0
        let (name, status): (String, Int32) = switch settings {
        case let .jpeg(quality, progressive, optimize, restarts):
            ("jpegsave", mp_jpegsave(pointer, &buffer, &length, Int32(quality), progressive ? 1 : 0, optimize ? 1 : 0,
                                     Int32(restarts), stripFlag))
        case let .png(compression, palette, quality):
            ("pngsave", mp_pngsave(pointer, &buffer, &length, Int32(compression), palette ? 1 : 0, Int32(quality), stripFlag))
        case let .webp(quality, lossless, effort):
            ("webpsave", mp_webpsave(pointer, &buffer, &length, Int32(quality), lossless ? 1 : 0, Int32(effort), stripFlag))
        case let .avif(quality, effort):
            ("heifsave", mp_avifsave(pointer, &buffer, &length, Int32(quality), Int32(effort), stripFlag))
        case let .gif(effort):
            ("gifsave", mp_gifsave(pointer, &buffer, &length, Int32(effort), stripFlag))
        case let .jxl(quality, effort, lossless):
            ("jxlsave", mp_jxlsave(pointer, &buffer, &length, Int32(quality), Int32(effort), lossless ? 1 : 0, stripFlag))
        }
        guard status == 0, let buffer else {
            if let buffer { mp_free(buffer) }
            throw VipsError.takeFromBuffer(operation: name)
        }
        defer { mp_free(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: length))
    }
}
