import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ImageOptions
import ImagePipeline
import ImageSources
import Logging
import MediaFormats
import NIOCore
import ProxyServer
import Testing
import TestSupport

/// The application without a socket (Hummingbird's router test mode): how errors map to statuses and JSON, and
/// the headers every kind of answer carries.
@Suite struct InMemoryAppTests {
    /// A local root with one sample, one file that is no image, and one that is cut short.
    static let root: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mp-inmemory-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let photo = (try? TestPaths.sample("landscape.jpg")) ?? []
        try? Data(photo).write(to: folder.appendingPathComponent("photo.jpg"))
        try? Data("just some text, not an image".utf8).write(to: folder.appendingPathComponent("text.jpg"))
        try? Data(photo.prefix(photo.count / 3)).write(to: folder.appendingPathComponent("cut.jpg"))
        return folder
    }()

    static func application(_ change: (inout ServerConfiguration) -> Void = { _ in }) throws -> some ApplicationProtocol {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workers = 2
        configuration.sources.localRoot = root.path
        change(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try MediaProxyServer(configuration: configuration).makeApplication(logger: logger)
    }

    @Test(arguments: [
        ("/unsafe/rs:squash/plain/local:///photo.jpg", HTTPResponse.Status.badRequest, "invalid_argument"),
        ("/unsafe/w:10/plain/local:///photo.jpg@bmp", .badRequest, "unsupported_format"),
        ("/unsafe/w:10/plain/local:///missing.jpg", .notFound, "source_not_found"),
        ("/unsafe/w:10/plain/local:///text.jpg", .unsupportedMediaType, "unsupported_format"),
        ("/unsafe/w:10/plain/local:///cut.jpg", .unprocessableContent, "invalid_image"),
        ("/unsafe/w:10/plain/local:///../etc/passwd", .forbidden, "forbidden_source"),
        ("/unsafe/w:10/plain/ftp://example.com/a.jpg", .badRequest, "invalid_source_url"),
        ("/unsafe/w:10/exp:1000/plain/local:///photo.jpg", .notFound, "source_not_found"),
    ])
    func errorsBecomeStatusesWithShortJSON(path: String, status: HTTPResponse.Status, code: String) async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == status, "\(path)")
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[.cacheControl] == "public, max-age=10")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                                        as? [String: String])
                #expect(json["code"] == code && json.keys.sorted() == ["code", "error"], "\(path)")
                #expect(!String(buffer: response.body).contains("local:"))
            }
        }
    }

    @Test func aBadSignatureIsForbidden() async throws {
        let pair = try #require(URLSigner.KeyPair(hexKey: "736563726574", hexSalt: "68656C6C6F"))
        let signer = URLSigner(pairs: [pair])
        let path = "/rs:fit:50:50/plain/local:///photo.jpg@png"
        try await Self.application { $0.signer = signer }.test(.router) { client in
            try await client.execute(uri: "/unsafe" + path, method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("invalid_signature"))
            }
            let signature = try #require(signer.sign(path))
            try await client.execute(uri: "/\(signature)\(path)", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/png")
            }
            try await client.execute(uri: "/info/unsafe/plain/local:///photo.jpg", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func imageAnswersCarryValidatorsCacheStatusAndVary() async throws {
        try await Self.application().test(.router) { client in
            let path = "/unsafe/rs:fit:64:64/plain/local:///photo.jpg"
            let accept: HTTPFields = [.accept: "image/webp,*/*"]
            let first = try await client.execute(uri: path, method: .get, headers: accept)
            #expect(first.status == .ok && first.headers[.contentType] == "image/webp")
            #expect(first.headers[.vary] == "Accept" && first.headers[HTTPField.Name("X-Cache")!] == "MISS")
            #expect(first.headers[.cacheControl] == "public, max-age=31536000")
            #expect(first.headers[.contentLength] == String(first.body.readableBytes))
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.count == 34 && first.headers[.lastModified] != nil)
            let second = try await client.execute(uri: path, method: .get, headers: accept)
            #expect(second.headers[HTTPField.Name("X-Cache")!] == "HIT" && second.headers[.eTag] == etag)
            #expect(second.body == first.body)
            let notModified = try await client.execute(uri: path, method: .get,
                                                       headers: [.accept: "image/webp", .ifNoneMatch: etag])
            #expect(notModified.status == .notModified && notModified.body.readableBytes == 0)
            let head = try await client.execute(uri: path, method: .head, headers: accept)
            #expect(head.status == .ok && head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(first.body.readableBytes) && head.headers[.eTag] == etag)
            let named = try await client.execute(uri: "/unsafe/w:32/fn:holiday/att:1/plain/local:///photo.jpg@png",
                                                 method: .get)
            #expect(named.headers[.contentDisposition] == "attachment; filename=\"holiday.png\"")
        }
    }

    @Test func infoAndOperationsEndpoints() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/info/unsafe/plain/local:///photo.jpg", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/json")
                let info = try JSONDecoder().decode(ImageInfo.self, from: Data(response.body.readableBytesView))
                #expect(info.format == .jpeg && info.width > 0)
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains("mediaproxy_"))
            }
        }
    }
}
