/// An invariant a fuzz target checks that did not hold for an input.
public struct FuzzFinding: Error, CustomStringConvertible {
    public let description: String

    /// A finding described in a sentence.
    public init(_ description: String) {
        self.description = description
    }
}

/// Throws a `FuzzFinding` with `message` unless `condition` holds.
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw FuzzFinding(message()) }
}
