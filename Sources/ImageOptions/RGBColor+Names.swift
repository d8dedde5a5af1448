extension RGBColor {
    /// The sixteen basic CSS colour names and a few common ones (thumbor's fill() takes names as Pillow does).
    public init?(named name: some StringProtocol) {
        let table: [String: (UInt8, UInt8, UInt8)] = [
            "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "lime": (0, 255, 0),
            "blue": (0, 0, 255), "yellow": (255, 255, 0), "aqua": (0, 255, 255), "cyan": (0, 255, 255),
            "fuchsia": (255, 0, 255), "magenta": (255, 0, 255), "silver": (192, 192, 192), "gray": (128, 128, 128),
            "grey": (128, 128, 128), "maroon": (128, 0, 0), "olive": (128, 128, 0), "green": (0, 128, 0),
            "purple": (128, 0, 128), "teal": (0, 128, 128), "navy": (0, 0, 128), "orange": (255, 165, 0),
        ]
        guard let (red, green, blue) = table[name.lowercased()] else { return nil }
        self.init(red: red, green: green, blue: blue)
    }
}
