import Foundation

/// An IPv4 or IPv6 address as bytes, parsed from any notation a URL host may use.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4([UInt8])
    case v6([UInt8])

    /// Parses an IPv4 literal the way `inet_aton` does (so `2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1` all mean
    /// 127.0.0.1), or an IPv6 literal with or without brackets (including an embedded dotted IPv4 tail).
    public init?(_ text: some StringProtocol) {
        var host = Substring(text)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if let zone = host.firstIndex(of: "%") { host = host[..<zone] }
        if host.contains(":") {
            guard let bytes = Self.parseV6(host) else { return nil }
            self = .v6(bytes)
        } else {
            guard let bytes = Self.parseV4(host) else { return nil }
            self = .v4(bytes)
        }
    }

    public var description: String {
        switch self {
        case let .v4(bytes): bytes.map(String.init).joined(separator: ".")
        case let .v6(bytes):
            stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        }
    }

    /// `inet_aton` forms: a, a.b, a.b.c, a.b.c.d with each part decimal, octal (leading 0) or hex (0x).
    static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard !part.isEmpty else { return nil }
            let lower = part.lowercased()
            let value: UInt64?
            if lower.hasPrefix("0x") {
                value = lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16)
            } else if lower.count > 1, lower.hasPrefix("0") {
                value = UInt64(lower.dropFirst(), radix: 8)
            } else {
                value = UInt64(lower, radix: 10)
            }
            guard let value, value <= UInt64(UInt32.max) else { return nil }
            values.append(value)
        }
        var address: UInt64 = 0
        for (index, value) in values.enumerated() {
            if index == values.count - 1 {
                let remaining = 4 - index
                guard value < (UInt64(1) << UInt64(8 * remaining)) else { return nil }
                address |= value
            } else {
                guard value <= 255 else { return nil }
                address |= value << UInt64(8 * (3 - index))
            }
        }
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: address >> UInt64($0)) }
    }

    static func parseV6(_ text: Substring) -> [UInt8]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        sawGap = halves.count == 2
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, allowIPv4Tail, piece.contains(".") {
                    guard let v4 = parseDottedQuad(piece) else { return nil }
                    result += [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        guard let first = groups(halves[0], allowIPv4Tail: !sawGap) else { return nil }
        head = first
        if sawGap {
            guard let second = groups(halves[1], allowIPv4Tail: true) else { return nil }
            tail = second
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard head.count == 8 else { return nil }
        }
        let words = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// Strict dotted quad (inside IPv6 text).
    private static func parseDottedQuad(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let values = parts.compactMap { UInt8($0, radix: 10) }
        return values.count == 4 ? values : nil
    }
}
