/// An input read front to back: parameter bytes first (each 0 once the input is used up), then the rest as data.
struct FuzzInput {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next byte, or 0 past the end.
    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A value in `range` from the next byte.
    mutating func value(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(byte()) % range.count
    }

    /// One of `choices`, picked by the next byte.
    mutating func choice<Element>(_ choices: [Element]) -> Element {
        choices[Int(byte()) % choices.count]
    }

    /// What is left, without copying.
    var rest: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[min(offset, bytes.count)...])
    }

    /// `count` bytes of pixels made from what is left, repeated as needed (zeros when nothing is left).
    func pixels(_ count: Int, startingAt start: Int = 0) -> [UInt8] {
        let source = rest
        guard !source.isEmpty else { return [UInt8](repeating: 0, count: count) }
        return (0..<count).map { source[(start + $0) % source.count] }
    }
}
