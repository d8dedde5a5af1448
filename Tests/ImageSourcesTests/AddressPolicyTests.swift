import Testing
@testable import ImageSources

@Suite struct AddressPolicyTests {
    static let policy = AddressPolicy()

    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("10.1", "10.0.0.1"), ("192.168.257", "192.168.1.1"),
        ("0", "0.0.0.0"), ("8.8.8.8", "8.8.8.8"),
    ])
    func ipv4NotationsNormalise(text: String, canonical: String) throws {
        #expect(try #require(IPAddress(text)).description == canonical)
    }

    @Test(arguments: ["256.0.0.1", "1.2.3.4.5", "0x", "1..2", "example.com", "", "127.0.0.1a", "4294967296"])
    func invalidLiteralsAreNotAddresses(text: String) {
        if text == "0x" {
            #expect(IPAddress(text)?.description == "0.0.0.0")
        } else {
            #expect(IPAddress(text) == nil)
        }
    }

    @Test(arguments: [
        ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("10.0.0.1", "private"), ("172.16.0.1", "private"),
        ("172.31.255.255", "private"), ("192.168.1.1", "private"), ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"), ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"), ("255.255.255.255", "reserved"), ("192.0.2.1", "reserved"),
        ("[::1]", "loopback"), ("[::]", "unspecified"), ("[::ffff:127.0.0.1]", "IPv4-mapped loopback"),
        ("[::ffff:7f00:1]", "IPv4-mapped loopback"), ("[::ffff:169.254.169.254]", "IPv4-mapped link-local"),
        ("[::127.0.0.1]", "IPv4-compatible loopback"), ("[64:ff9b::7f00:1]", "NAT64 loopback"),
        ("[64:ff9b::a9fe:a9fe]", "NAT64 link-local"), ("[2002:7f00:1::]", "6to4 loopback"),
        ("[2002:a00:1::1]", "6to4 private"), ("[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "Teredo"),
        ("[fe80::1]", "link-local"), ("[fc00::1]", "unique local"), ("[fd12:3456::1]", "unique local"),
        ("[ff02::1]", "multicast"), ("[2001:db8::1]", "documentation"),
    ])
    func refusedByDefault(text: String, reason: String) throws {
        #expect(Self.policy.refusal(for: try #require(IPAddress(text))) == reason)
    }

    @Test(arguments: ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "[2606:4700:4700::1111]", "[::ffff:8.8.8.8]",
                      "[2002:808:808::]"])
    func publicAddressesAreAllowed(text: String) throws {
        #expect(Self.policy.refusal(for: try #require(IPAddress(text))) == nil)
    }

    @Test func switchesAllowLoopbackAndPrivateOnly() throws {
        let open = AddressPolicy(allowLoopback: true, allowPrivate: true)
        #expect(open.refusal(for: try #require(IPAddress("127.0.0.1"))) == nil)
        #expect(open.refusal(for: try #require(IPAddress("[::1]"))) == nil)
        #expect(open.refusal(for: try #require(IPAddress("10.0.0.1"))) == nil)
        #expect(open.refusal(for: try #require(IPAddress("169.254.169.254"))) == "link-local")
        #expect(open.refusal(for: try #require(IPAddress("100.64.0.1"))) == "carrier-grade NAT")
    }
}
