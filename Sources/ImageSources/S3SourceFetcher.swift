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
            store.signedHeaders(method: "GET", url: url, payloadHash: AWSSignatureV4.emptyPayloadHash, date: Date())
        }
    }
}
