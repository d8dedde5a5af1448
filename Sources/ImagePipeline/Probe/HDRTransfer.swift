/// A high-dynamic-range transfer function (ITU-T H.273 code points).
public enum HDRTransfer: String, Sendable, Hashable, Codable {
    /// SMPTE ST 2084 (perceptual quantiser), code point 16.
    case pq
    /// ARIB STD-B67 (hybrid log-gamma), code point 18.
    case hlg

    /// The transfer for an H.273 code point, nil for SDR ones.
    init?(codePoint: Int) {
        switch codePoint {
        case 16: self = .pq
        case 18: self = .hlg
        default: return nil
        }
    }
}
