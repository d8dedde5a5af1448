extension FuzzTarget {
    /// Every target, in the order `Fuzz/targets.tsv` lists them.
    public static let all: [FuzzTarget] = [
        probe, pipeline, options, plan, planarJPEG, gifDecode, gifEncode, gifResize, webpDecode, webpEncode,
        avifDecode, avifEncode, videoFrame, apngDecode, apngEncode,
    ]

    /// The target called `name`.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
