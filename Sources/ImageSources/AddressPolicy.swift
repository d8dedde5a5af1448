/// Which addresses a source may be fetched from: SSRF protection.
///
/// Refused by default: loopback, private (RFC 1918, unique local), link-local (including cloud metadata at
/// 169.254.169.254), CGNAT, multicast, unspecified, broadcast, documentation/benchmark/reserved ranges, and IPv6
/// addresses that embed a refused IPv4 address (mapped, compatible, NAT64, 6to4); Teredo is refused outright.
public struct AddressPolicy: Sendable, Hashable {
    /// Allow 127.0.0.0/8 and ::1 (tests, sidecars).
    public var allowLoopback = false
    /// Allow RFC 1918 and fc00::/7 (an origin on the same private network).
    public var allowPrivate = false

    public init(allowLoopback: Bool = false, allowPrivate: Bool = false) {
        self.allowLoopback = allowLoopback
        self.allowPrivate = allowPrivate
    }

    /// Why an address is refused, nil when it is allowed.
    public func refusal(for address: IPAddress) -> String? {
        switch address {
        case let .v4(bytes): return refusalV4(bytes)
        case let .v6(bytes): return refusalV6(bytes)
        }
    }

    private func refusalV4(_ b: [UInt8]) -> String? {
        switch (b[0], b[1], b[2]) {
        case (127, _, _): return allowLoopback ? nil : "loopback"
        case (10, _, _), (172, 16...31, _), (192, 168, _): return allowPrivate ? nil : "private"
        case (169, 254, _): return "link-local"
        case (100, 64...127, _): return "carrier-grade NAT"
        case (0, _, _): return "unspecified"
        case (224...239, _, _): return "multicast"
        case (240...255, _, _): return "reserved"
        case (192, 0, 0), (192, 0, 2), (198, 51, 100), (203, 0, 113), (198, 18...19, _), (192, 88, 99):
            return "reserved"
        default: return nil
        }
    }

    private func refusalV6(_ b: [UInt8]) -> String? {
        let zeroPrefix = b[0..<10].allSatisfy { $0 == 0 }
        if b.allSatisfy({ $0 == 0 }) { return "unspecified" }
        if b[0..<15].allSatisfy({ $0 == 0 }), b[15] == 1 { return allowLoopback ? nil : "loopback" }
        if zeroPrefix, b[10] == 0xFF, b[11] == 0xFF { return embedded(b[12..<16], "IPv4-mapped") }
        if zeroPrefix, b[10] == 0, b[11] == 0 { return embedded(b[12..<16], "IPv4-compatible") }
        if b[0..<12].elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) { return embedded(b[12..<16], "NAT64") }
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B { return "NAT64 local-use" }
        if b[0] == 0x20, b[1] == 0x02 { return embedded(b[2..<6], "6to4") }
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0, b[3] == 0 { return "Teredo" }
        if b[0] & 0xFE == 0xFC { return allowPrivate ? nil : "unique local" }
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return "link-local" }
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return "site-local" }
        if b[0] == 0xFF { return "multicast" }
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0D, b[3] == 0xB8 { return "documentation" }
        if b[0] == 0x01, b[1...7].allSatisfy({ $0 == 0 }) { return "discard" }
        return nil
    }

    /// The refusal of an IPv4 address carried inside IPv6, named after the carrier.
    private func embedded(_ bytes: some Collection<UInt8>, _ carrier: String) -> String? {
        refusalV4(Array(bytes)).map { "\(carrier) \($0)" }
    }
}
