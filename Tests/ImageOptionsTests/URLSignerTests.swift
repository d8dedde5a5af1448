import Testing
@testable import ImageOptions

@Suite struct URLSignerTests {
    /// imgproxy's documentation example: key "secret", salt "hello".
    static let documentedPath = "/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png"
    static let documentedSignature = "oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8"
    static let documentedPair = URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656C6C6F")!

    @Test func hmacKnownAnswer() throws {
        // RFC 4231 test case 2, through the signer: key "Jefe", no salt, the message as the path.
        let pair = try #require(URLSigner.KeyPair(hexKey: "4a656665", hexSalt: ""))
        let signature = try #require(URLSigner(pairs: [pair]).sign("what do ya want for nothing?"))
        let hex = try #require(Base64URL.decode(signature)).map { HexDigit.pair($0, uppercase: false) }.joined()
        #expect(hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func documentedImgproxyExample() {
        let signer = URLSigner(pairs: [Self.documentedPair])
        #expect(signer.sign(Self.documentedPath) == Self.documentedSignature)
        #expect(signer.verify(signature: Self.documentedSignature, path: Self.documentedPath))
        #expect(!signer.verify(signature: Self.documentedSignature, path: Self.documentedPath + "x"))
        #expect(!signer.verify(signature: "unsafe", path: Self.documentedPath))
    }

    @Test func rotationAcceptsAnyPairAndSignsWithTheFirst() throws {
        let newer = try #require(URLSigner.KeyPair(hexKey: "00112233", hexSalt: "aabb"))
        let signer = URLSigner(pairs: [newer, Self.documentedPair])
        #expect(signer.verify(signature: Self.documentedSignature, path: Self.documentedPath))
        #expect(signer.sign(Self.documentedPath) != Self.documentedSignature)
        #expect(signer.verify(signature: try #require(signer.sign("/w:10/plain/x")), path: "/w:10/plain/x"))
    }

    @Test func truncatedSignatures() throws {
        let signer = URLSigner(pairs: [Self.documentedPair], signatureSize: 8)
        let signature = try #require(signer.sign(Self.documentedPath))
        #expect(signature == String(Base64URL.encode(Array(Base64URL.decode(Self.documentedSignature)!.prefix(8)))))
        #expect(signer.verify(signature: signature, path: Self.documentedPath))
        #expect(!signer.verify(signature: Self.documentedSignature, path: Self.documentedPath))
    }

    @Test func disabledSignerAcceptsAnything() {
        #expect(URLSigner(pairs: []).verify(signature: "unsafe", path: "/anything"))
        #expect(URLSigner.KeyPair(hexKey: "abc", hexSalt: "00") == nil)
        #expect(URLSigner.KeyPair(hexKey: "zz", hexSalt: "00") == nil)
    }
}
