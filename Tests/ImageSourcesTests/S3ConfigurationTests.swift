import Foundation
@testable import ImageSources
import Testing

/// Where an object is asked for: path-style or virtual-host addressing, AWS's regional endpoint by default, and
/// keys encoded as SigV4 signs them.
struct S3ConfigurationTests {
    @Test func addressing() throws {
        var store = S3Configuration(accessKey: "a", secretKey: "b")
        store.region = "eu-west-1"
        #expect(store.objectURL(bucket: "photos", key: "a b/ü.jpg")?.absoluteString
            == "https://photos.s3.eu-west-1.amazonaws.com/a%20b/%C3%BC.jpg")
        store.endpoint = URL(string: "http://127.0.0.1:9000")
        store.pathStyle = true
        #expect(store.objectURL(bucket: "photos", key: "x/y.png")?.absoluteString == "http://127.0.0.1:9000/photos/x/y.png")
        #expect(store.objectURL(bucket: "Bad_Bucket", key: "x") == nil)
        #expect(store.objectURL(bucket: "photos", key: "") == nil)
    }

    @Test func theSignedHeadersNameTheHostWithItsPort() throws {
        var store = S3Configuration(accessKey: "AKID", secretKey: "secret")
        store.sessionToken = "token"
        let url = try #require(URL(string: "http://127.0.0.1:9000/photos/x.png"))
        let headers = store.signedHeaders(method: "GET", url: url, payloadHash: AWSSignatureV4.emptyPayloadHash,
                                          date: Date(timeIntervalSince1970: 1_440_938_160))
        let names = headers.map(\.0)
        #expect(names == ["x-amz-content-sha256", "x-amz-date", "x-amz-security-token", "Authorization"])
        let authorization = try #require(headers.last?.1)
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature="))
    }
}
