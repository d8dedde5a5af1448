internal import CVips

/// The numeric type of each band of a pixel.
public enum BandFormat: Sendable, Hashable, CaseIterable {
    case uchar, char, ushort, short, uint, int, float, double, complex, doubleComplex

    init(_ value: VipsBandFormat) {
        self = switch value {
        case VIPS_FORMAT_CHAR: .char
        case VIPS_FORMAT_USHORT: .ushort
        case VIPS_FORMAT_SHORT: .short
        case VIPS_FORMAT_UINT: .uint
        case VIPS_FORMAT_INT: .int
        case VIPS_FORMAT_FLOAT: .float
        case VIPS_FORMAT_DOUBLE: .double
        case VIPS_FORMAT_COMPLEX: .complex
        case VIPS_FORMAT_DPCOMPLEX: .doubleComplex
        default: .uchar
        }
    }

    var vipsValue: VipsBandFormat {
        switch self {
        case .uchar: VIPS_FORMAT_UCHAR
        case .char: VIPS_FORMAT_CHAR
        case .ushort: VIPS_FORMAT_USHORT
        case .short: VIPS_FORMAT_SHORT
        case .uint: VIPS_FORMAT_UINT
        case .int: VIPS_FORMAT_INT
        case .float: VIPS_FORMAT_FLOAT
        case .double: VIPS_FORMAT_DOUBLE
        case .complex: VIPS_FORMAT_COMPLEX
        case .doubleComplex: VIPS_FORMAT_DPCOMPLEX
        }
    }
}
