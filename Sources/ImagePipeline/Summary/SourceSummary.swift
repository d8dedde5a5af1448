import MediaFormats

/// What `/info` and `media-proxy info` answer: the header's facts, the file's size and type, and a placeholder
/// (BlurHash and dominant colour) from a small decode.
public struct SourceSummary: Sendable, Hashable, Encodable {
    public let info: ImageInfo
    /// Bytes of the source file.
    public let bytes: Int
    /// The source's MIME type.
    public let mimeType: String
    /// Whether the source declares a high-dynamic-range transfer (PQ or HLG).
    public let hdr: Bool
    /// BlurHash of the (first) frame, 4x3 components; nil when the pixels could not be decoded.
    public let blurHash: String?
    /// `#rrggbb`, from the same small decode.
    public let dominantColor: String?

    private enum CodingKeys: String, CodingKey {
        case bytes, mimeType, hdr, blurHash, dominantColor
    }

    /// The header's fields, then these, in one JSON object.
    public func encode(to encoder: any Encoder) throws {
        try info.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(mimeType, forKey: .mimeType)
        try container.encode(hdr, forKey: .hdr)
        try container.encodeIfPresent(blurHash, forKey: .blurHash)
        try container.encodeIfPresent(dominantColor, forKey: .dominantColor)
    }
}
