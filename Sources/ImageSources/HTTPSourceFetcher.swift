import AsyncHTTPClient
import Foundation
import MediaFormats
import NIOCore
import NIOHTTP1

/// Fetches `http(s)://` sources with every guard: allow-list, SSRF address checks on the address actually
/// connected to (the resolved address is pinned, so DNS rebinding cannot swap it), redirects re-checked hop by
/// hop, a streamed size cap, magic-byte check on the first bytes, and no viewer headers forwarded.
struct HTTPSourceFetcher: Sendable {
    let configuration: SourceConfiguration
    let eventLoopGroup: any EventLoopGroup

    /// The source, or nil when `validators` were given and the origin answered 304.
    func fetch(_ text: String, deadline: NIODeadline, validators: SourceValidators? = nil) async throws -> FetchedSource? {
        var current = text
        for _ in 0...configuration.maxRedirects {
            switch try await fetchOnce(current, deadline: deadline, validators: validators) {
            case let .fetched(source):
                return source
            case .notModified:
                return nil
            case let .redirect(location):
                current = location
            }
        }
        throw SourceError(.originFailure, "too many redirects")
    }

    private enum Outcome: Sendable {
        case fetched(FetchedSource)
        case notModified
        case redirect(String)
    }

    /// A request to an object store the operator configured: signed by `sign` (called with the request's URL),
    /// no redirects, no address policy (the endpoint is the operator's, not the viewer's), the same size cap,
    /// magic-byte check and deadline. A 403 is `forbidden`, a 404 `notFound`; the store's text is never kept.
    func fetchSigned(_ url: URL, deadline: NIODeadline, validators: SourceValidators?,
                     sign: @escaping @Sendable (URL) -> [(String, String)]) async throws -> FetchedSource? {
        guard let host = url.host, !host.isEmpty else { throw SourceError(.invalidURL, "no host") }
        let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: TimeAmount(configuration.connectTimeout)),
            decompression: .disabled))
        do {
            let outcome = try await Self.untilDeadline(deadline) {
                try await request(url.absoluteString, client: client, deadline: deadline, validators: validators,
                                  signedHeaders: sign(url))
            }
            try await client.shutdown()
            switch outcome {
            case let .fetched(source): return source
            case .notModified: return nil
            case .redirect: throw SourceError(.originFailure, "the store redirected")
            }
        } catch {
            try? await client.shutdown()
            throw Self.translate(error)
        }
    }

    private func fetchOnce(_ text: String, deadline: NIODeadline, validators: SourceValidators?) async throws -> Outcome {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw SourceError(.invalidURL, "not an http(s) URL")
        }
        guard configuration.isAllowed(text) else { throw SourceError(.forbidden, "not in the allowed sources") }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let addresses = try await HostResolver.resolve(host, port: port)
        for address in addresses {
            if let reason = configuration.addressPolicy.refusal(for: address) {
                throw SourceError(.forbidden, "\(reason) address")
            }
        }
        var clientConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(configuration.connectTimeout)),
            decompression: .disabled
        )
        // Connect to the address that was checked, not to whatever a second lookup returns.
        clientConfiguration.dnsOverride = [host: addresses[0].description]
        let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: clientConfiguration)
        do {
            // AsyncHTTPClient's deadline ends with the response head: a body that stalls is bounded here.
            let outcome = try await Self.untilDeadline(deadline) {
                try await request(text, client: client, deadline: deadline, validators: validators)
            }
            try await client.shutdown()
            return outcome
        } catch {
            try? await client.shutdown()
            throw Self.translate(error)
        }
    }

    private func request(_ url: String, client: HTTPClient, deadline: NIODeadline,
                         validators: SourceValidators?, readsVideoWhole: Bool = false,
                         signedHeaders: [(String, String)]? = nil) async throws -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for (name, value) in signedHeaders ?? [] { request.headers.replaceOrAdd(name: name, value: value) }
        request.headers.replaceOrAdd(name: "User-Agent", value: configuration.userAgent)
        request.headers.replaceOrAdd(name: "Accept", value: "image/*,video/*;q=0.8,*/*;q=0.5")
        if let etag = validators?.etag { request.headers.replaceOrAdd(name: "If-None-Match", value: etag) }
        if let date = validators?.lastModified { request.headers.replaceOrAdd(name: "If-Modified-Since", value: date) }
        var response: HTTPClientResponse? = try await client.execute(request, deadline: deadline)
        let status = response!.status.code
        let headers = response!.headers
        switch status {
        case 200:
            break
        case 304 where validators != nil:
            return .notModified
        case 301, 302, 303, 307, 308:
            guard let location = headers.first(name: "Location"),
                  let next = URL(string: location, relativeTo: URL(string: url))?.absoluteString else {
                throw SourceError(.originFailure, "redirect without a usable Location")
            }
            return .redirect(next)
        case 404, 410:
            throw SourceError(.notFound, "origin answered \(status)")
        case 403 where signedHeaders != nil:
            throw SourceError(.forbidden, "the store refused access")
        default:
            throw SourceError(.originFailure, "origin answered \(status)")
        }
        if let length = headers.first(name: "Content-Length").flatMap(Int.init), length > configuration.maxBytes {
            throw SourceError(.tooLarge, "Content-Length over the limit")
        }
        var bytes: [UInt8] = []
        var format: ImageFormat?
        let readsWhole = readsVideoWhole || configuration.videoPrefixBytes == 0
        func fetched(_ body: [UInt8], _ format: ImageFormat) -> Outcome {
            .fetched(FetchedSource(bytes: body, format: format, etag: headers.first(name: "ETag"),
                                   lastModified: headers.first(name: "Last-Modified"),
                                   cacheControl: headers.first(name: "Cache-Control")))
        }
        var tailPlan: (tailOffset: Int, mdatOffset: Int)?
        reading: for try await chunk in response!.body {
            guard bytes.count + chunk.readableBytes <= configuration.maxBytes else {
                throw SourceError(.tooLarge, "body over the limit")
            }
            bytes += chunk.readableBytesView
            if format == nil, bytes.count >= 64 {
                format = ImageFormat.sniff(bytes)
                guard format != nil else { throw SourceError(.notAnImage, "unknown magic bytes") }
            }
            if let format, format == .mp4 || format == .webm, !readsWhole, bytes.count >= configuration.videoPrefixBytes {
                switch VideoPrefix.plan(bytes, format: format) {
                case .enough:
                    return fetched(bytes, format)
                case let .needsTail(tailOffset, mdatOffset):
                    // Leaving the loop cancels this body before the tail is asked for.
                    tailPlan = (tailOffset, mdatOffset)
                    break reading
                case .keepReading:
                    break
                }
            }
        }
        // Dropping the response cancels a body left unread (it would otherwise stay open beside the range request).
        response = nil
        if let tailPlan {
            if let tail = try await rangeFrom(tailPlan.tailOffset, url: url, client: client, deadline: deadline,
                                              signedHeaders: signedHeaders ?? []),
               let file = VideoPrefix.fastStart(prefix: bytes, mdatOffset: tailPlan.mdatOffset, tail: tail) {
                return fetched(file, .mp4)
            }
            // No range support or no usable index in the tail: read the whole file after all.
            return try await self.request(url, client: client, deadline: deadline, validators: nil, readsVideoWhole: true,
                                          signedHeaders: signedHeaders)
        }
        guard let sniffed = format ?? ImageFormat.sniff(bytes) else {
            throw SourceError(.notAnImage, "unknown magic bytes")
        }
        return fetched(bytes, sniffed)
    }

    /// The bytes from `offset` to the end, or nil when the origin does not answer the range (the caller reads on).
    private func rangeFrom(_ offset: Int, url: String, client: HTTPClient, deadline: NIODeadline,
                           signedHeaders: [(String, String)]) async throws -> [UInt8]? {
        var request = HTTPClientRequest(url: url)
        for (name, value) in signedHeaders { request.headers.replaceOrAdd(name: name, value: value) }
        request.headers.replaceOrAdd(name: "User-Agent", value: configuration.userAgent)
        request.headers.replaceOrAdd(name: "Range", value: "bytes=\(offset)-")
        let response = try await client.execute(request, deadline: deadline)
        guard response.status.code == 206 else { return nil }
        var tail: [UInt8] = []
        for try await chunk in response.body {
            guard tail.count + chunk.readableBytes <= configuration.maxBytes else { return nil }
            tail += chunk.readableBytesView
        }
        return tail
    }

    /// Runs `work`, or throws a timeout when `deadline` passes first (cancelling `work`).
    static func untilDeadline<Value: Sendable>(_ deadline: NIODeadline,
                                               _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask { try await work() }
            group.addTask {
                let left = (deadline - .now()).nanoseconds
                if left > 0 { try await Task.sleep(nanoseconds: UInt64(left)) }
                throw SourceError(.timeout, "origin timed out")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw SourceError(.timeout, "origin timed out") }
            return first
        }
    }

    /// Client errors become source errors; timeouts are told apart.
    static func translate(_ error: any Error) -> SourceError {
        if let error = error as? SourceError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return SourceError(.timeout, "origin timed out")
            default:
                return SourceError(.originFailure, "\(error)")
            }
        }
        return SourceError(.originFailure, "\(error)")
    }
}
