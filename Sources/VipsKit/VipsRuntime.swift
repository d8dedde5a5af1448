import CVips
import CVipsShim

/// Process-wide libvips start-up: runs `vips_init` once with server settings.
///
/// libvips runs one thread per operation (the server parallelises across requests), its operation cache is off,
/// Orc code generation is off (Debian 12's orc frees programs without a lock: concurrent requests crashed), and
/// every loader is blocked except JPEG, PNG, WebP, GIF, TIFF, HEIF and SVG from memory (no ImageMagick,
/// PDF, OpenSlide, matrix or raw formats, whatever the bytes look like).
public enum VipsRuntime {
    private static let started: Result<Void, VipsError> = {
        if mp_init("media-proxy") != 0 {
            return .failure(VipsError.takeFromBuffer(operation: "vips_init"))
        }
        return .success(())
    }()

    /// Starts libvips if it has not started yet; safe to call from any thread, any number of times.
    public static func start() throws {
        try started.get()
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
