import Foundation

extension S3Configuration {
    /// The headers that sign a request to `url` with SigV4: `x-amz-content-sha256`, `x-amz-date`, the session
    /// token if any, `extra` (signed too), and `Authorization`. `Host` is signed but left to the HTTP client.
    func signedHeaders(method: String, url: URL, payloadHash: String, extra: [(String, String)] = [],
                       date: Date) -> [(String, String)] {
        let amzDate = AWSSignatureV4.amzDate(date)
        let host = (url.host ?? "") + (url.port.map { ":\($0)" } ?? "")
        var headers = [("host", host), ("x-amz-content-sha256", payloadHash), ("x-amz-date", amzDate)] + extra
        if let sessionToken { headers.append(("x-amz-security-token", sessionToken)) }
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "/"
        let authorization = AWSSignatureV4(accessKey: accessKey, secretKey: secretKey, region: region)
            .authorization(method: method, path: path, headers: headers, payloadHash: payloadHash, amzDate: amzDate)
        return headers.filter { $0.0 != "host" } + [("Authorization", authorization)]
    }
}
