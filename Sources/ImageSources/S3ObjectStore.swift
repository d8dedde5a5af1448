import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// Whole objects read from and written to one bucket and prefix of an S3-compatible store, signed with SigV4:
/// what a shared tier of results needs. A PUT is a complete object or nothing (S3 never shows half a PUT).
/// Requests go through one client for the process, so connections to the store are kept and reused.
public struct S3ObjectStore: Sendable {
    public let store: S3Configuration
    public let bucket: String
    public let prefix: String

    /// The process's client for object stores (no redirects, no decompression); it lives as long as the process.
    private static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(
        redirectConfiguration: .disallow, timeout: .init(connect: .seconds(2)), decompression: .disabled))

    public init(store: S3Configuration, bucket: String, prefix: String) {
        self.store = store
        self.bucket = bucket
        self.prefix = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    /// The object's body and its `x-amz-meta-*` values (names without the prefix), nil when there is none;
    /// throws when the store fails or the body is over `maxBytes`.
    public func get(_ name: String, maxBytes: Int, deadline: NIODeadline) async throws -> (bytes: [UInt8], metadata: [String: String])? {
        let answer = try await send("GET", name, body: [], headers: [], maxBytes: maxBytes, deadline: deadline)
        switch answer.status {
        case 200: break
        case 404: return nil
        default: throw SourceError(.originFailure, "the store answered \(answer.status)")
        }
        var metadata: [String: String] = [:]
        for header in answer.headers where header.name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(header.name.lowercased().dropFirst("x-amz-meta-".count))] = header.value
        }
        return (answer.body, metadata)
    }

    /// Writes the whole object with `metadata` as `x-amz-meta-*`.
    public func put(_ name: String, bytes: [UInt8], contentType: String, metadata: [String: String],
                    deadline: NIODeadline) async throws {
        let headers = [("content-type", contentType)] + metadata.map { ("x-amz-meta-" + $0.key.lowercased(), $0.value) }
        let answer = try await send("PUT", name, body: bytes, headers: headers, maxBytes: 1 << 20, deadline: deadline)
        guard answer.status == 200 else { throw SourceError(.originFailure, "the store answered \(answer.status)") }
    }

    /// One signed request; the answer's body is read whole (at most `maxBytes`) before the client goes.
    private func send(_ method: String, _ name: String, body: [UInt8], headers: [(String, String)], maxBytes: Int,
                      deadline: NIODeadline) async throws -> (status: Int, headers: HTTPHeaders, body: [UInt8]) {
        let key = prefix.isEmpty ? name : prefix + "/" + name
        guard let url = store.objectURL(bucket: bucket, key: key), url.host != nil else {
            throw SourceError(.invalidURL, "bad bucket or key")
        }
        let payloadHash = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method == "PUT" ? .PUT : .GET
        for (name, value) in store.signedHeaders(method: method, url: url, payloadHash: payloadHash, extra: headers,
                                                 date: Date()) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        if method == "PUT" {
            request.headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await Self.client.execute(request, deadline: deadline)
            var bytes: [UInt8] = []
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= maxBytes else { throw SourceError(.tooLarge, "object over the limit") }
                bytes += chunk.readableBytesView
            }
            return (Int(response.status.code), response.headers, bytes)
        } catch {
            throw HTTPSourceFetcher.translate(error)
        }
    }
}
