import Foundation

/// BlurHash (https://blurha.sh): a short text a page can decode into a blurred placeholder, from a small image.
public enum BlurHash {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~")

    /// The hash of `width` x `height` packed 8-bit sRGB pixels (3 bytes each), with `componentsX` x
    /// `componentsY` cosine components (1...9 each).
    public static func encode(rgb pixels: [UInt8], width: Int, height: Int, componentsX: Int = 4,
                              componentsY: Int = 3) -> String {
        precondition((1...9).contains(componentsX) && (1...9).contains(componentsY), "1...9 components")
        precondition(width > 0 && height > 0 && pixels.count >= width * height * 3, "one RGB triple a pixel")
        let linear = pixels.map { sRGBToLinear($0) }
        var factors: [[Double]] = []
        for j in 0..<componentsY {
            for i in 0..<componentsX {
                let normalisation: Double = i == 0 && j == 0 ? 1 : 2
                var sum = [0.0, 0.0, 0.0]
                for y in 0..<height {
                    let vertical = cos(Double.pi * Double(j) * Double(y) / Double(height))
                    for x in 0..<width {
                        let basis = normalisation * cos(Double.pi * Double(i) * Double(x) / Double(width)) * vertical
                        let index = (y * width + x) * 3
                        for channel in 0..<3 { sum[channel] += basis * linear[index + channel] }
                    }
                }
                let scale = 1 / Double(width * height)
                factors.append(sum.map { $0 * scale })
            }
        }
        var hash = base83(componentsX - 1 + (componentsY - 1) * 9, length: 1)
        let ac = factors.dropFirst()
        var maximum = 1.0
        if let largest = ac.flatMap({ $0.map(abs) }).max() {
            let quantised = max(0, min(82, Int((largest * 166 - 0.5).rounded(.down))))
            maximum = Double(quantised + 1) / 166
            hash += base83(quantised, length: 1)
        } else {
            hash += base83(0, length: 1)
        }
        let dc = factors[0]
        hash += base83((linearToSRGB(dc[0]) << 16) + (linearToSRGB(dc[1]) << 8) + linearToSRGB(dc[2]), length: 4)
        for factor in ac {
            let quantised = factor.map { value in
                max(0, min(18, Int((signedSquareRoot(value / maximum) * 9 + 9.5).rounded(.down))))
            }
            hash += base83(quantised[0] * 19 * 19 + quantised[1] * 19 + quantised[2], length: 2)
        }
        return hash
    }

    private static func base83(_ value: Int, length: Int) -> String {
        var characters: [Character] = []
        var divisor = 1
        for _ in 1..<length { divisor *= 83 }
        for _ in 0..<length {
            characters.append(alphabet[(value / divisor) % 83])
            divisor /= 83
        }
        return String(characters)
    }

    private static func signedSquareRoot(_ value: Double) -> Double { value < 0 ? -(-value).squareRoot() : value.squareRoot() }

    private static func sRGBToLinear(_ value: UInt8) -> Double {
        let v = Double(value) / 255
        return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }

    private static func linearToSRGB(_ value: Double) -> Int {
        let v = max(0, min(1, value))
        return v <= 0.0031308 ? Int(v * 12.92 * 255 + 0.5) : Int((1.055 * pow(v, 1 / 2.4) - 0.055) * 255 + 0.5)
    }
}
