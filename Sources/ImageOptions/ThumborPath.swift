/// A thumbor request path, as thumbor 7.8 (libthumbor's `Url`) writes it:
/// `/{unsafe|signature}/[meta/][trim[:top-left|:bottom-right][:tolerance]/][AxB:CxD/]`
/// `[adaptive-][full-]fit-in/[-]Ex[-]F/[halign/][valign/][smart/][filters:name(args):.../]IMAGE`.
///
/// This is the grammar alone: each part as written, parsed and generated so that
/// `ThumborPath(parsing: x.generated()) == x`. As in thumbor, a segment that does not fit the next part of the
/// grammar begins the image (`/unsafe/foo/a.jpg` names the image `foo/a.jpg`).
public struct ThumborPath: Sendable, Hashable {
    /// A size as written: `0` or nothing is proportional, `orig` the source's own.
    public enum Dimension: Sendable, Hashable {
        case proportional
        case pixels(Int)
        case original
    }

    /// How the size is reached: cropped to it (thumbor's default), or fitted in it. `adaptive-`: width and height
    /// swap when that suits the source's orientation better.
    public enum Fit: Sendable, Hashable {
        case crop
        /// `fit-in`: the whole image inside the box.
        case fitIn(adaptive: Bool)
        /// `full-fit-in`: the box inside the image (the smaller side fits).
        case fullFitIn(adaptive: Bool)
    }

    /// Where `trim` takes the colour of the border to remove.
    public enum TrimCorner: String, Sendable, Hashable {
        case topLeft = "top-left"
        case bottomRight = "bottom-right"
    }

    /// `trim[:corner][:tolerance]`: the tolerance is a Euclidean RGB distance (0-442).
    public struct Trim: Sendable, Hashable {
        public var corner: TrimCorner
        public var tolerance: Int

        public init(corner: TrimCorner = .topLeft, tolerance: Int = 0) {
            self.corner = corner
            self.tolerance = tolerance
        }
    }

    /// `AxB:CxD`: the source rectangle kept before anything else, from its top-left to its bottom-right corner.
    public struct Crop: Sendable, Hashable {
        public var left, top, right, bottom: Int

        public init(left: Int, top: Int, right: Int, bottom: Int) {
            (self.left, self.top, self.right, self.bottom) = (left, top, right, bottom)
        }
    }

    public enum HorizontalAlign: String, Sendable, Hashable, CaseIterable {
        case left, center, right
    }

    public enum VerticalAlign: String, Sendable, Hashable, CaseIterable {
        case top, middle, bottom
    }

    /// `unsafe`, or the URL-safe base64 HMAC-SHA1 of the rest of the path (`ThumborSigner`).
    public var signature: String
    /// `meta/`: the JSON description of the operations instead of the image.
    public var meta = false
    public var trim: Trim?
    public var crop: Crop?
    public var fit = Fit.crop
    public var width = Dimension.proportional
    public var height = Dimension.proportional
    /// A `-` before the width: mirror left to right.
    public var flipHorizontally = false
    /// A `-` before the height: mirror top to bottom.
    public var flipVertically = false
    public var horizontalAlign = HorizontalAlign.center
    public var verticalAlign = VerticalAlign.middle
    /// `smart/`: crop around what is most interesting.
    public var smart = false
    public var filters: [ThumborFilter] = []
    /// The image as written: a path under the loader's root, or a URL (plain or percent-encoded).
    public var image: String

    public init(signature: String = "unsafe", image: String) {
        self.signature = signature
        self.image = image
    }
}
