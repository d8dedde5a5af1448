/// Comparisons whose time does not depend on where two secrets first differ (signatures).
enum ConstantTime {
    /// Whether `a` and `b` are equal, looking at every byte of the shorter; false when their lengths differ.
    static func equal(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        var difference: UInt8 = 0
        for (left, right) in zip(a, b) { difference |= left ^ right }
        return difference == 0 && a.count == b.count
    }
}
