/// One fuzz target: a name and what it does with one input of arbitrary bytes.
///
/// A target throws `FuzzFinding` when an invariant it checks breaks; a crash, a leak or a sanitizer report
/// shows for itself. Every other outcome (a refused input, a clean error) is a pass.
public struct FuzzTarget: Sendable {
    /// The name `scripts/fuzz` and `media-proxy-fuzz` take (listed in `Fuzz/targets.tsv`).
    public let name: String
    /// How many bytes at the front of an input choose parameters (sizes, formats, options) before the data.
    public let parameterBytes: Int
    /// Runs one input: true when it went all the way through (decoded, or encoded and decoded back), false when
    /// it was refused cleanly.
    public let run: @Sendable (UnsafeRawBufferPointer) throws -> Bool

    /// A target.
    public init(name: String, parameterBytes: Int = 0, run: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Bool) {
        self.name = name
        self.parameterBytes = parameterBytes
        self.run = run
    }

    /// A seed input made from a sample file: `parameterBytes` chosen from `index` (so that seeds spread over
    /// the parameters), then the file.
    public func seed(from file: [UInt8], index: Int) -> [UInt8] {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        let parameters = (0..<parameterBytes).map { _ -> UInt8 in
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return UInt8(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 56)
        }
        return parameters + file
    }

    /// Runs `bytes`, for replaying a file outside libFuzzer.
    @discardableResult
    public func run(_ bytes: [UInt8]) throws -> Bool {
        try bytes.withUnsafeBytes { try run($0) }
    }
}
