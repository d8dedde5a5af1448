import Foundation
import MediaFormats

/// SVG: finds the root `<svg>` element in the first bytes and reads its size like librsvg does at 72 dpi.
enum SVGProbe {
    /// Whether the text starts (after a BOM, whitespace, XML declaration, comments and DOCTYPE) with `<svg`.
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        rootTagStart(in: bytes) != nil
    }

    static func probe(_ bytes: UnsafeRawBufferPointer) throws -> ImageInfo {
        guard let start = rootTagStart(in: bytes) else { throw ProbeError.unknownFormat }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
        guard end < bytes.count else { throw ProbeError.truncated }
        let tag = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let viewBox = attribute("viewBox", in: tag).map { value in
            value.split(whereSeparator: { $0 == " " || $0 == "," || $0.isWhitespace }).compactMap { Double($0) }
        }
        let boxSize = viewBox.flatMap { $0.count == 4 && $0[2] > 0 && $0[3] > 0 ? ($0[2], $0[3]) : nil }
        var width = attribute("width", in: tag).flatMap(length)
        var height = attribute("height", in: tag).flatMap(length)
        if let (boxWidth, boxHeight) = boxSize {
            switch (width, height) {
            case (nil, nil): (width, height) = (boxWidth, boxHeight)
            case let (w?, nil): height = w * boxHeight / boxWidth
            case let (nil, h?): width = h * boxWidth / boxHeight
            default: break
            }
        }
        // A size past any limit (or not finite: 1e400, a huge viewBox ratio) is refused here: converting it to Int
        // would trap and take the whole process down.
        let sides = [width ?? 100, height ?? 100]
        guard sides.allSatisfy({ $0.isFinite && $0 < 1e9 }) else { throw ProbeError.malformed("SVG size out of range") }
        let pixelWidth = Int(sides[0].rounded())
        let pixelHeight = Int(sides[1].rounded())
        guard pixelWidth > 0, pixelHeight > 0 else { throw ProbeError.malformed("SVG size is zero") }
        var info = ImageInfo(format: .svg, width: pixelWidth, height: pixelHeight)
        info.hasAlpha = true
        return info
    }

    /// A length in pixels at 72 dpi; nil for percentages or garbage.
    static func length(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        let units: [(String, Double)] = [("px", 1), ("pt", 1), ("pc", 12), ("mm", 72 / 25.4), ("cm", 72 / 2.54),
                                         ("in", 72), ("em", 12), ("ex", 6)]
        for (unit, factor) in units where trimmed.hasSuffix(unit) {
            return Double(trimmed.dropLast(unit.count)).map { $0 * factor }
        }
        return Double(trimmed)
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        var search = tag[...]
        while let range = search.range(of: name) {
            let before = range.lowerBound == tag.startIndex ? " " : tag[tag.index(before: range.lowerBound)]
            var rest = search[range.upperBound...].drop { $0.isWhitespace }
            if before.isWhitespace, rest.first == "=" {
                rest = rest.dropFirst().drop { $0.isWhitespace }
                guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
                return String(rest.dropFirst().prefix { $0 != quote })
            }
            search = search[range.upperBound...]
        }
        return nil
    }

    private static func rootTagStart(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        let limit = min(bytes.count, 64 * 1024)
        if ByteReader(bytes).matches([0xEF, 0xBB, 0xBF]) { index = 3 }
        func starts(_ text: String) -> Bool { ByteReader(bytes).matches(Array(text.utf8), at: index) }
        func skip(past terminator: String) -> Bool {
            let pattern = Array(terminator.utf8)
            while index < limit {
                if ByteReader(bytes).matches(pattern, at: index) {
                    index += pattern.count
                    return true
                }
                index += 1
            }
            return false
        }
        while index < limit {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if starts("<?") {
                guard skip(past: "?>") else { return nil }
            } else if starts("<!--") {
                guard skip(past: "-->") else { return nil }
            } else if starts("<!DOCTYPE") {
                var depth = 0
                while index < limit {
                    if bytes[index] == UInt8(ascii: "[") { depth += 1 }
                    if bytes[index] == UInt8(ascii: "]") { depth -= 1 }
                    if bytes[index] == UInt8(ascii: ">"), depth <= 0 { break }
                    index += 1
                }
                index += 1
            } else if starts("<svg") || starts("<svg:svg") {
                return index
            } else {
                return nil
            }
        }
        return nil
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
