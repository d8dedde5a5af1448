/// Everything the pipeline is configured with.
public struct PipelineConfiguration: Sendable, Hashable {
    public var limits = ImageLimits()
    public var encoder = EncoderConfiguration()
    public var animation = AnimationConfiguration()
    /// Refuse truncated sources rather than render their decodable part.
    public var failOnTruncated = true
    /// Shrink-on-load keeps at least this many times the pixels the resize needs (1 to 4): 2, like libvips'
    /// thumbnail, keeps its similarity to a full decode; 1 decodes at the full DCT factor (faster, softer).
    public var shrinkOnLoadMargin = 2.0
    /// Decode scaled JPEGs with libjpeg-turbo's fast integer IDCT and plain upsampling (as Pillow's draft).
    public var fastJPEGDecode = true
    /// libvips' Orc-generated vector code (15-25% faster uchar resizes), run behind a lock on orc's code memory
    /// (Debian 12's orc 0.4.33 frees compiled programs without one); without that lock it stays off. Decided by
    /// the first processor made in the process.
    public var vipsVectorCode = true
    /// Answer plain JPEG thumbnails (JPEG in, JPEG or WebP out, resize only) in the YUV domain (`PlanarThumbnail`).
    public var planarJPEG = true
    /// The planar path's DCT scaling keeps at least this many times the pixels of the answer (1 to 4).
    public var planarShrinkMargin = 1.0
    /// The planar path reads a baseline JPEG shrunk by 8 from its DC coefficients with its own entropy decoder,
    /// which skips the AC coefficients without storing or transforming them (libjpeg when off).
    public var planarDCDecoder = true

    /// The defaults.
    public init() {}

    /// Throws when a value is out of range.
    public func validate() throws {
        try limits.validate()
        guard (1...4).contains(shrinkOnLoadMargin), (1...4).contains(planarShrinkMargin) else {
            throw PipelineError.invalidConfiguration("shrinkOnLoadMargin and planarShrinkMargin must be in 1...4")
        }
        try encoder.validate()
        try animation.validate()
    }
}
