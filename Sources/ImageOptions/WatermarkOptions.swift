/// A mark (a second image) drawn over the result, placed per axis and scaled to the result.
public struct WatermarkOptions: Sendable, Hashable {
    /// Where the mark goes along one axis.
    public struct Axis: Sendable, Hashable {
        /// The edge it is anchored to, or repetition across the whole side.
        public enum Edge: Sendable, Hashable {
            case start, centre, end, repeated
        }

        public var edge: Edge
        /// Offset inward from the anchored edge (from the centre: right or down); for `repeated`, the gap between
        /// copies. Pixels before `dpr`, or percent of the result's side when `offsetIsPercent`.
        public var offset: Double
        public var offsetIsPercent: Bool

        public init(edge: Edge, offset: Double = 0, offsetIsPercent: Bool = false) {
            self.edge = edge
            self.offset = offset
            self.offsetIsPercent = offsetIsPercent
        }
    }

    /// The mark's source (a URL or `local:///` path, guarded as any source); nil is the server's configured mark.
    public var source: String?
    /// 0 (invisible) to 1 (as the mark is).
    public var opacity: Double
    public var horizontal: Axis
    public var vertical: Axis
    /// The mark is scaled to fit `widthRatio` of the result's width and `heightRatio` of its height (0: that side
    /// does not bound it); both 0 keeps its own size.
    public var widthRatio: Double
    public var heightRatio: Double

    public init(source: String? = nil, opacity: Double = 1, horizontal: Axis = Axis(edge: .centre),
                vertical: Axis = Axis(edge: .centre), widthRatio: Double = 0, heightRatio: Double = 0) {
        self.source = source
        self.opacity = opacity
        self.horizontal = horizontal
        self.vertical = vertical
        self.widthRatio = widthRatio
        self.heightRatio = heightRatio
    }
}
