internal import CVips

/// How libvips interprets an image's pixel values (its colour space).
public enum Interpretation: Sendable, Hashable, CaseIterable {
    case multiband, greyscale, lab, cmyk, sRGB, rgb16, grey16, scRGB, xyz, lch, hsv

    init(_ value: VipsInterpretation) {
        self = switch value {
        case VIPS_INTERPRETATION_B_W: .greyscale
        case VIPS_INTERPRETATION_LAB, VIPS_INTERPRETATION_LABQ, VIPS_INTERPRETATION_LABS: .lab
        case VIPS_INTERPRETATION_CMYK: .cmyk
        case VIPS_INTERPRETATION_sRGB, VIPS_INTERPRETATION_RGB: .sRGB
        case VIPS_INTERPRETATION_RGB16: .rgb16
        case VIPS_INTERPRETATION_GREY16: .grey16
        case VIPS_INTERPRETATION_scRGB: .scRGB
        case VIPS_INTERPRETATION_XYZ: .xyz
        case VIPS_INTERPRETATION_LCH: .lch
        case VIPS_INTERPRETATION_HSV: .hsv
        default: .multiband
        }
    }

    var vipsValue: VipsInterpretation {
        switch self {
        case .multiband: VIPS_INTERPRETATION_MULTIBAND
        case .greyscale: VIPS_INTERPRETATION_B_W
        case .lab: VIPS_INTERPRETATION_LAB
        case .cmyk: VIPS_INTERPRETATION_CMYK
        case .sRGB: VIPS_INTERPRETATION_sRGB
        case .rgb16: VIPS_INTERPRETATION_RGB16
        case .grey16: VIPS_INTERPRETATION_GREY16
        case .scRGB: VIPS_INTERPRETATION_scRGB
        case .xyz: VIPS_INTERPRETATION_XYZ
        case .lch: VIPS_INTERPRETATION_LCH
        case .hsv: VIPS_INTERPRETATION_HSV
        }
    }
}
