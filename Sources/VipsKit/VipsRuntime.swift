internal import CVips
internal import CVipsShim
import Synchronization

/// Process-wide libvips start-up: loads libvips (it is not linked) and runs `vips_init` once with server settings,
/// on first use. Loading it and its ~90 libraries costs a process about 40 ms, which a job that never needs
/// libvips, such as a GIF resize, does not pay.
///
/// libvips runs one thread per operation (the server parallelises across requests), its operation cache is off,
/// and every loader is blocked except JPEG, PNG, WebP, GIF, TIFF, HEIF, SVG and JPEG XL from memory (no ImageMagick,
/// PDF, OpenSlide, matrix or raw formats, whatever the bytes look like). Orc code generation runs only behind a
/// process-wide lock on orc's code memory (Debian 12's orc frees programs without one, and concurrent requests
/// crashed).
public enum VipsRuntime {
    /// The first vector-code choice, and how the start went once it has run.
    private struct State {
        var vectorCode: Bool?
        var outcome: Result<Void, VipsError>?
    }

    private static let state = Mutex(State())
    /// Set once libvips has started, so the many later checks take no lock.
    private static let started = Atomic<Bool>(false)

    /// Records whether libvips will run Orc-generated SIMD code (used only when the orc code lock is installed)
    /// when it starts, without starting it. The first choice made, here or by `start`, holds.
    public static func configure(vectorCode: Bool) {
        state.withLock { if $0.vectorCode == nil { $0.vectorCode = vectorCode } }
    }

    /// Starts libvips now if it has not started yet; safe to call from any thread, any number of times. The
    /// first choice of `vectorCode` (here or in `configure`) holds; later calls only wait for that start.
    public static func start(vectorCode: Bool = true) throws {
        configure(vectorCode: vectorCode)
        try ensureStarted()
    }

    /// Starts libvips with the configured choice unless it has started: every image VipsKit makes from nothing
    /// (a load, pixels) calls this first.
    static func ensureStarted() throws {
        if started.load(ordering: .acquiring) { return }
        try state.withLock { state in
            if let outcome = state.outcome { return outcome }
            let result: Result<Void, VipsError> = mp_init("media-proxy", (state.vectorCode ?? true) ? 1 : 0) == 0
                ? .success(()) : .failure(VipsError.takeFromBuffer(operation: VipsError.startOperation))
            state.outcome = result
            if case .success = result { started.store(true, ordering: .releasing) }
            return result
        }.get()
    }

    /// Whether libvips runs Orc-generated vector code (starting it, to know).
    public static var vectorCodeEnabled: Bool {
        (try? ensureStarted()) != nil && mp_vector_code_enabled() != 0
    }

    /// Whether libvips' calls to orc's code memory go through the process-wide lock.
    public static var orcCodeLockInstalled: Bool { (try? ensureStarted()) != nil && mp_orc_code_lock_installed() != 0 }

    /// libvips' version as "major.minor.micro" (starting it, to know), or why it could not start.
    public static var version: String {
        do { try ensureStarted() } catch { return "unavailable (\(error))" }
        return "\(mp_version(0)).\(mp_version(1)).\(mp_version(2))"
    }

    /// How many libvips objects (images, operations, loaders) are alive now, or only those of the operation
    /// `nickname` (e.g. "jxlload_buffer"): a figure for leak checks; 0 before libvips has started.
    public static func liveObjects(named nickname: String? = nil) -> Int {
        guard started.load(ordering: .acquiring) else { return 0 }
        return Int(mp_live_objects(nickname))
    }

    /// Ends libvips for the rest of the process, if it started: its worker threads stop, and so do the OpenMP
    /// threads its palette quantiser started from the calling thread. Only for the last moments of a process
    /// (the fuzzer's exit, before LeakSanitizer's check): nothing may call libvips afterwards.
    public static func shutDownAtExit() {
        guard started.load(ordering: .acquiring) else { return }
        mp_shutdown()
    }

    /// Turns libvips' leak reporting on or off (it prints leaked images and regions at shutdown).
    public static func setLeakChecking(_ enabled: Bool) {
        guard (try? ensureStarted()) != nil else { return }
        mp_leak_set(enabled ? 1 : 0)
    }
}
