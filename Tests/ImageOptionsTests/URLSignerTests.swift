import Testing
@testable import ImageOptions

@Suite struct URLSignerTests {
    /// imgproxy's documentation example: key "secret", salt "hello".
    static let documentedPath = "/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png"
    static let documentedSignature = "oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8"
    static let documentedPair = URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656C6C6F")!

    @Test func sha256KnownAnswers() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { HexDigit.pair($0, uppercase: false) }.joined() }
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hexDigest(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // RFC 4231 test case 2.
        #expect(hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
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
