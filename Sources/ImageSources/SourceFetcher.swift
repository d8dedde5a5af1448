import Foundation
import NIOCore
import NIOPosix

/// Fetches a source named by URL: `http://`, `https://`, `s3://bucket/key` from the configured store, or
/// `local:///path` under the configured root.
/// Never sees libvips: it hands bytes to whoever asked.
public struct SourceFetcher: Sendable {
    public let configuration: SourceConfiguration
    private let http: HTTPSourceFetcher
    private let local: LocalSourceFetcher?
    private let s3: S3SourceFetcher?

    /// Checks the configuration (the local root must exist).
    public init(configuration: SourceConfiguration,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.configuration = configuration
        let http = HTTPSourceFetcher(configuration: configuration, eventLoopGroup: eventLoopGroup)
        self.http = http
        local = try configuration.localRoot.map { try LocalSourceFetcher(root: $0, maxBytes: configuration.maxBytes) }
        s3 = configuration.s3.map { S3SourceFetcher(store: $0, http: http) }
    }

    /// Fetches `url` before `deadline`, or throws `SourceError`.
    public func fetch(_ url: String, deadline: ContinuousClock.Instant) async throws -> FetchedSource {
        guard let source = try await fetch(url, deadline: deadline, revalidating: nil) else {
            throw SourceError(.originFailure, "unexpected 304")
        }
        return source
    }

    /// Like `fetch`, but with validators from a cached copy: nil means the origin answered 304 Not Modified.
    public func fetch(_ url: String, deadline: ContinuousClock.Instant,
                      revalidating validators: SourceValidators?) async throws -> FetchedSource? {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        switch scheme {
        case "http", "https":
            let remaining = TimeAmount(ContinuousClock.now.duration(to: deadline))
            guard remaining > .zero else { throw SourceError(.timeout, "no time left") }
            return try await http.fetch(url, deadline: .now() + remaining, validators: validators)
        case "s3":
            guard let s3 else { throw SourceError(.forbidden, "S3 sources are not configured") }
            guard configuration.isAllowed(url) else { throw SourceError(.forbidden, "not in the allowed sources") }
            let remaining = TimeAmount(ContinuousClock.now.duration(to: deadline))
            guard remaining > .zero else { throw SourceError(.timeout, "no time left") }
            return try await s3.fetch(url, deadline: .now() + remaining, validators: validators)
        case "local":
            guard let local else { throw SourceError(.forbidden, "local sources are not configured") }
            guard url.hasPrefix("local://") else { throw SourceError(.invalidURL, "malformed local URL") }
            guard configuration.isAllowed(url) else { throw SourceError(.forbidden, "not in the allowed sources") }
            return try local.fetch(path: String(url.dropFirst("local://".count)))
        default:
            throw SourceError(.invalidURL, "unsupported scheme")
        }
    }
}
