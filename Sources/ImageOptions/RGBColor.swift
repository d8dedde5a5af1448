/// An opaque 8-bit sRGB colour.
public struct RGBColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Makes a colour from its components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// White, the default background.
    public static let white = RGBColor(red: 255, green: 255, blue: 255)

    /// Parses `rrggbb` or `rgb` hex (no `#`).
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        let expanded: [UInt8]
        switch digits.count {
        case 6: expanded = digits
        case 3: expanded = digits.flatMap { [$0, $0] }
        default: return nil
        }
        var values: [UInt8] = []
        for index in stride(from: 0, to: 6, by: 2) {
            guard let high = HexDigit.value(expanded[index]), let low = HexDigit.value(expanded[index + 1]) else {
                return nil
            }
            values.append(high << 4 | low)
        }
        self.init(red: values[0], green: values[1], blue: values[2])
    }

    /// Lower-case `rrggbb`.
    public var hex: String {
        [red, green, blue].map { HexDigit.pair($0, uppercase: false) }.joined()
    }

    /// Components as doubles, for libvips.
    public var components: [Double] { [Double(red), Double(green), Double(blue)] }
}
