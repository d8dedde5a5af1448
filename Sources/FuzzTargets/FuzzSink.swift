import Synchronization

/// Somewhere values read only to be checked go, so that the optimiser keeps the reads.
enum FuzzSink {
    private static let total = Atomic<UInt8>(0)

    /// Keeps `value`.
    static func keep(_ value: UInt8) {
        total.wrappingAdd(value, ordering: .relaxed)
    }
}
