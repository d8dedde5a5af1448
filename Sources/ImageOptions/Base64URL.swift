import Foundation

/// URL-safe base64 (RFC 4648 section 5), without padding unless asked; decoding also accepts `+`, `/` and padding.
public enum Base64URL {
    /// Encodes, without padding unless `padded` (thumbor's signatures keep it).
    public static func encode(_ bytes: [UInt8], padded: Bool = false) -> String {
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        return padded ? text : text.replacingOccurrences(of: "=", with: "")
    }

    /// Decodes; nil for anything that is not base64.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.hasSuffix("=") { standard.removeLast() }
        guard standard.count % 4 != 1 else { return nil }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }
}
