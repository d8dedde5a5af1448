import ImageOptions

/// A combined orientation: rotate clockwise by `quarterTurns`, then mirror left-right when `mirrored`.
///
/// Every EXIF orientation, user rotation and user flip composes into one of these eight transforms, so at most
/// two libvips operations run.
public struct OrientationTransform: Sendable, Hashable {
    /// Clockwise quarter turns, 0-3.
    public private(set) var quarterTurns: Int
    public private(set) var mirrored: Bool

    /// The identity.
    public static let identity = OrientationTransform(quarterTurns: 0, mirrored: false)

    init(quarterTurns: Int, mirrored: Bool) {
        self.quarterTurns = (quarterTurns % 4 + 4) % 4
        self.mirrored = mirrored
    }

    /// The transform that displays an image stored with EXIF `orientation` (1-8).
    public init(exifOrientation orientation: Int) {
        switch orientation {
        case 2: self.init(quarterTurns: 0, mirrored: true)
        case 3: self.init(quarterTurns: 2, mirrored: false)
        case 4: self.init(quarterTurns: 2, mirrored: true)
        case 5: self.init(quarterTurns: 1, mirrored: true)
        case 6: self.init(quarterTurns: 1, mirrored: false)
        case 7: self.init(quarterTurns: 3, mirrored: true)
        case 8: self.init(quarterTurns: 3, mirrored: false)
        default: self.init(quarterTurns: 0, mirrored: false)
        }
    }

    /// EXIF orientation (when `autoRotate`), then the user's rotation, then the user's flips.
    public init(exifOrientation orientation: Int, options: ProcessingOptions) {
        self = options.autoRotate ? OrientationTransform(exifOrientation: orientation) : .identity
        let turns = options.rotate / 90
        // rotate(R) after mirror == mirror after rotate(-R)
        quarterTurns = ((quarterTurns + (mirrored ? -turns : turns)) % 4 + 4) % 4
        if options.flip.horizontal { mirrored.toggle() }
        if options.flip.vertical {
            mirrored.toggle()
            quarterTurns = (quarterTurns + 2) % 4
        }
    }

    /// Whether width and height trade places.
    public var swapsAxes: Bool { quarterTurns % 2 == 1 }

    /// Whether the pixels move at all.
    public var isIdentity: Bool { quarterTurns == 0 && !mirrored }
}
