/// Where to anchor a crop or an extension (imgproxy's `gravity`).
public enum Gravity: Sendable, Hashable {
    /// A compass anchor with offsets in pixels (positive offsets move inward from the anchored edge).
    case anchor(Anchor, xOffset: Double = 0, yOffset: Double = 0)
    /// The most interesting region (libvips' attention strategy).
    case smart
    /// A focal point, each coordinate a fraction of the image size in 0...1.
    case focusPoint(x: Double, y: Double)

    /// The centre with no offsets.
    public static let center = Gravity.anchor(.center)

    /// The nine compass anchors with their URL names.
    public enum Anchor: String, Sendable, Hashable, CaseIterable {
        case center = "ce"
        case north = "no"
        case south = "so"
        case east = "ea"
        case west = "we"
        case northEast = "noea"
        case northWest = "nowe"
        case southEast = "soea"
        case southWest = "sowe"

        /// The anchor in `column` (0 left, 1 centre, 2 right) and `row` (0 top, 1 middle, 2 bottom).
        public init(column: Int, row: Int) {
            let grid: [[Anchor]] = [[.northWest, .north, .northEast], [.west, .center, .east],
                                    [.southWest, .south, .southEast]]
            self = grid[min(max(row, 0), 2)][min(max(column, 0), 2)]
        }

        /// Horizontal position as a fraction: 0 left, 0.5 centre, 1 right.
        public var horizontalFraction: Double {
            switch self {
            case .west, .northWest, .southWest: 0
            case .east, .northEast, .southEast: 1
            case .center, .north, .south: 0.5
            }
        }

        /// Vertical position as a fraction: 0 top, 0.5 centre, 1 bottom.
        public var verticalFraction: Double {
            switch self {
            case .north, .northEast, .northWest: 0
            case .south, .southEast, .southWest: 1
            case .center, .east, .west: 0.5
            }
        }
    }
}
