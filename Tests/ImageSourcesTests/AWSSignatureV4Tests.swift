import Crypto
import Foundation
import ImageSources
import Testing

/// AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite): the example credentials, date and
/// region, and the signatures AWS gives for them.
struct AWSSignatureV4Tests {
    static let signer = AWSSignatureV4(accessKey: "AKIDEXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                       region: "us-east-1", service: "service")
    static let headers = [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")]

    static func signature(_ method: String, _ path: String, query: [(String, String)] = []) -> String {
        let header = signer.authorization(method: method, path: path, query: query, headers: headers,
                                          payloadHash: AWSSignatureV4.emptyPayloadHash, amzDate: "20150830T123600Z")
        return String(header.split(separator: "=").last ?? "")
    }

    @Test func getVanilla() {
        let header = Self.signer.authorization(method: "GET", path: "/", headers: Self.headers,
                                               payloadHash: AWSSignatureV4.emptyPayloadHash, amzDate: "20150830T123600Z")
        #expect(header == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func theOtherVectors() {
        // get-vanilla-query-order-key-case: the query is sorted before signing.
        #expect(Self.signature("GET", "/", query: [("Param2", "value2"), ("Param1", "value1")])
            == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
        // get-utf8: the path as it goes on the wire.
        #expect(Self.signature("GET", "/" + AWSSignatureV4.encode("\u{1234}"))
            == "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")
        // post-vanilla.
        #expect(Self.signature("POST", "/") == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    @Test func theDerivedKeyIsAWSs() {
        let key = Self.signer.signingKey(date: "20150830").withUnsafeBytes { Array($0) }
        #expect(key.map { String(format: "%02x", $0) }.joined()
            == "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75")
    }

    @Test func datesAreUTC() {
        #expect(AWSSignatureV4.amzDate(Date(timeIntervalSince1970: 1_440_938_160)) == "20150830T123600Z")
    }
}
