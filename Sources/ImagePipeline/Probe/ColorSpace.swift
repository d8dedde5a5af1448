/// The colour model of the stored pixels, as the header declares it.
public enum ColorSpace: String, Sendable, Hashable, Codable {
    case srgb
    case gray
    case cmyk
    case lab
    case ycbcr
    case unknown
}
