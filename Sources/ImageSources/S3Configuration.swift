import Foundation

/// Where `s3://bucket/key` sources come from: an S3-compatible store (AWS, MinIO, Ceph, R2, moto) and the
/// credentials to sign with.
public struct S3Configuration: Sendable, Hashable {
    /// The store's endpoint; nil is AWS's for the region (`https://s3.REGION.amazonaws.com`). The operator's own
    /// address: the private-address guard, which protects against URLs viewers write, does not apply to it.
    public var endpoint: URL?
    public var region = "us-east-1"
    /// `endpoint/bucket/key` rather than `bucket.endpoint/key` (MinIO, Ceph and moto usually want this).
    public var pathStyle = false
    public var accessKey: String
    public var secretKey: String
    /// For temporary credentials (`AWS_SESSION_TOKEN`).
    public var sessionToken: String?
    /// When not empty, only these buckets may be read.
    public var allowedBuckets: [String] = []

    public init(accessKey: String, secretKey: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
    }

    /// The object's URL, or nil when the bucket or key cannot be named (empty, or a bucket not DNS-safe for
    /// virtual-host addressing).
    func objectURL(bucket: String, key: String) -> URL? {
        guard !bucket.isEmpty, !key.isEmpty, bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "-.".contains($0)) }) else {
            return nil
        }
        let base = endpoint ?? URL(string: "https://s3.\(region).amazonaws.com")!
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false), let host = components.host else {
            return nil
        }
        let encodedKey = AWSSignatureV4.encode(key, keepingSlashes: true)
        let prefix = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast())
            : components.percentEncodedPath
        if pathStyle {
            components.percentEncodedPath = prefix + "/" + bucket + "/" + encodedKey
        } else {
            components.host = bucket + "." + host
            components.percentEncodedPath = prefix + "/" + encodedKey
        }
        return components.url
    }
}
