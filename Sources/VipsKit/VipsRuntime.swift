internal import CVips
internal import CVipsShim
import Synchronization

/// Process-wide libvips start-up: runs `vips_init` once with server settings.
///
/// libvips runs one thread per operation (the server parallelises across requests), its operation cache is off,
/// and every loader is blocked except JPEG, PNG, WebP, GIF, TIFF, HEIF and SVG from memory (no ImageMagick,
/// PDF, OpenSlide, matrix or raw formats, whatever the bytes look like). Orc code generation is off unless asked
/// for: Debian 12's orc frees programs without a lock, and concurrent requests crashed.
public enum VipsRuntime {
    private static let outcome = Mutex<Result<Void, VipsError>?>(nil)

    /// Starts libvips if it has not started yet; safe to call from any thread, any number of times. The first
    /// call decides `vectorCode` (libvips' Orc-generated SIMD code); later calls only wait for that start.
    public static func start(vectorCode: Bool = false) throws {
        try outcome.withLock { outcome in
            if let outcome { return outcome }
            let result: Result<Void, VipsError> = mp_init("media-proxy", vectorCode ? 1 : 0) == 0
                ? .success(()) : .failure(VipsError.takeFromBuffer(operation: "vips_init"))
            outcome = result
            return result
        }.get()
    }

    /// libvips' version as "major.minor.micro".
    public static var version: String {
        "\(vips_version(0)).\(vips_version(1)).\(vips_version(2))"
    }

    /// Turns libvips' leak reporting on or off (it prints leaked images and regions at shutdown).
    public static func setLeakChecking(_ enabled: Bool) {
        vips_leak_set(enabled ? 1 : 0)
    }
}
