/// What decoding a whole file gave: its canvas and how many frames came out before the end or an error.
struct DecodedSummary: Equatable {
    var width: Int
    var height: Int
    var frames: Int
    /// The decoder stopped on an error rather than at the end.
    var failed: Bool
}
