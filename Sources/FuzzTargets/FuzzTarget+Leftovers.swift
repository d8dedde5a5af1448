import VipsKit

extension FuzzTarget {
    /// libvips objects that may stay alive between inputs (what libvips makes once and keeps, such as its
    /// interpolators).
    public static let vipsObjectsAllowed = 100

    /// Runs one input in a process that runs nothing else meanwhile (libFuzzer, a replay), then checks that
    /// libvips holds no more objects than before, or no more than `vipsObjectsAllowed`: libvips keeps every
    /// object in a table, so an image or loader a run leaks is invisible to LeakSanitizer.
    public func runAlone(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        let before = VipsRuntime.liveObjects()
        let through = try run(bytes)
        let after = VipsRuntime.liveObjects()
        try require(after <= max(before, Self.vipsObjectsAllowed),
                    "\(after) libvips objects alive after the input (\(before) before it)")
        return through
    }

    /// Runs `bytes` alone; see `runAlone(_:)`.
    @discardableResult
    public func runAlone(_ bytes: [UInt8]) throws -> Bool {
        try bytes.withUnsafeBytes { try runAlone($0) }
    }
}
