import Foundation
import NIOCore

/// Fetches `s3://bucket/key` from the configured store with an AWS Signature Version 4 request, through the
/// HTTP fetcher's guards (size cap while streaming, magic bytes on the first chunk, deadline) and with the
/// object's ETag for revalidation.
struct S3SourceFetcher: Sendable {
    let store: S3Configuration
    let http: HTTPSourceFetcher

    func fetch(_ url: String, deadline: NIODeadline, validators: SourceValidators?) async throws -> FetchedSource? {
        let rest = url.dropFirst("s3://".count)
        guard let slash = rest.firstIndex(of: "/") else { throw SourceError(.invalidURL, "s3://bucket/key") }
        let bucket = String(rest[..<slash])
        // The key as the path gave it (already decoded from the request URL).
        let key = String(rest[rest.index(after: slash)...])
        guard let objectURL = store.objectURL(bucket: bucket, key: key) else {
            throw SourceError(.invalidURL, "s3://bucket/key")
        }
        guard store.allowedBuckets.isEmpty || store.allowedBuckets.contains(bucket) else {
            throw SourceError(.forbidden, "bucket not allowed")
        }
        let store = store
        return try await http.fetchSigned(objectURL, deadline: deadline, validators: validators) { url in
            Self.signedHeaders(for: url, store: store, date: Date())
        }
    }

    /// `Host`, `x-amz-date`, `x-amz-content-sha256`, the session token if any, and `Authorization`.
    static func signedHeaders(for url: URL, store: S3Configuration, date: Date) -> [(String, String)] {
        let amzDate = AWSSignatureV4.amzDate(date)
        var host = url.host ?? ""
        if let port = url.port { host += ":\(port)" }
        var headers = [("host", host), ("x-amz-content-sha256", AWSSignatureV4.emptyPayloadHash), ("x-amz-date", amzDate)]
        if let token = store.sessionToken { headers.append(("x-amz-security-token", token)) }
        let signer = AWSSignatureV4(accessKey: store.accessKey, secretKey: store.secretKey, region: store.region)
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "/"
        let authorization = signer.authorization(method: "GET", path: path, headers: headers,
                                                 payloadHash: AWSSignatureV4.emptyPayloadHash, amzDate: amzDate)
        return headers.filter { $0.0 != "host" } + [("Authorization", authorization)]
    }
}
