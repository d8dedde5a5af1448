import ImageOptions
import ImagePipeline
import ImageSources

/// Everything the server is configured with. Each key has a flag and a `MEDIAPROXY_*` variable (see README):
///
/// - `host`, `port`: where to listen (127.0.0.1:8080).
/// - `workers`: pipeline threads (cores); `queue`: requests that may wait before answers become 429;
///   `activeRequests`: requests that may hold a source's bytes at once (twice the workers); the rest of the queue
///   waits before its fetch.
/// - `timeout`: per-request deadline for fetch + queue + processing, in seconds (20).
/// - `headerTimeout`: how long a new connection may take to send its first whole request head before it is
///   closed (10 s, against slow-loris clients); `keepAliveTimeout`: how long an idle keep-alive connection may
///   wait for its next head (60 s, or `headerTimeout` if longer).
/// - `sources`: source guards (local root, allow-list, loopback/private switches, max bytes).
/// - `signer`: key/salt pairs; with none, any signature segment is accepted.
/// - `pipeline`: limits and encoder defaults (`maxSourcePixels` from `--max-src-resolution`).
/// - `cacheMaxAge`, `errorCacheMaxAge`: Cache-Control max-age for answers and errors, in seconds.
/// - `autoWebP`, `autoAVIF`, `autoJXL`: pick WebP/AVIF/JPEG XL from Accept when the request names no format.
/// - `presets`: named option sets.
/// - `thumborPrefix`: where thumbor's dialect is mounted (`/thumbor`; nil turns it off); `thumborKey`: its
///   security key; `thumborAllowsUnsafe`: accept `unsafe` in place of its signature; `queryFormPrefix`: where
///   the simple query form is mounted (`/img`; nil turns it off), signed like the imgproxy paths.
/// - `watermark`: the source of the image imgproxy's `wm:` draws (a URL or `local:///` path, guarded and cached
///   as any source); `allowSecurityOptions`: accept imgproxy's per-request source limits (`msr:`, `msfs:`,
///   `maf:`, `mafr:`), refused with 403 otherwise.
/// - `instanceName`: an `X-Instance` header on every answer (clusters).
/// - `playground`: the try-it page at `/` (nil: on unless signing keys are configured).
/// - `cacheEnabled`, `cacheDirectory`, `memoryCacheBytes`, `diskCacheBytes`, `sourceCacheBytes`, `sourceTTL`,
///   `cacheStatusHeader`, `adminToken`: the caches, coalescing and purging.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var workers = System.coreCount
    public var queue = 64
    /// Requests that may fetch and process at once; nil means twice the workers.
    public var activeRequests: Int?
    public var timeout: Duration = .seconds(20)
    public var headerTimeout: Duration = .seconds(10)
    public var keepAliveTimeout: Duration = .seconds(60)
    public var sources = SourceConfiguration()
    public var signer = URLSigner(pairs: [])
    public var pipeline = PipelineConfiguration()
    public var cacheMaxAge = 31_536_000
    public var errorCacheMaxAge = 10
    public var autoWebP = true
    public var autoAVIF = false
    /// Pick JPEG XL from Accept for still sources (before AVIF and WebP).
    public var autoJXL = false
    public var presets = PresetTable()
    /// Where imgproxy's dialect is mounted: `/` (its paths start with the signature), another prefix, or nil
    /// (off).
    public var imgproxyPrefix: String? = "/"
    /// Where thumbor's dialect is mounted; `/` only when imgproxy's dialect is moved or off.
    public var thumborPrefix: String? = "/thumbor"
    /// Where the simple query form (`/img/photo.jpg?w=300&fit=crop`) is mounted; nil turns it off.
    public var queryFormPrefix: String? = "/img"
    public var thumborKey: String?
    public var thumborAllowsUnsafe = false
    var thumborSigner: ThumborSigner { ThumborSigner(key: thumborKey, allowsUnsafe: thumborAllowsUnsafe) }
    /// The source of the image `wm:` draws when the URL names none; nil: `wm:` without `wmu:` is refused.
    public var watermark: String?
    /// `s3://bucket/prefix` where results are also written and read (after memory and disk, before rendering),
    /// in the store of `sources.s3`, so instances share their work; nil: none.
    public var resultStore: String?
    /// Sent as `X-Instance` on every answer, so a cluster's answers tell which instance made them; nil sends none.
    public var instanceName: String?
    /// Whether a URL may set its own source limits (imgproxy's security options).
    public var allowSecurityOptions = false
    /// Serve the playground page at `/` (and its sample list at `/playground/samples`); nil decides by the
    /// signing keys: on without keys, off with them.
    public var playground: Bool?
    /// Whether the playground is served: as asked, or on only when no signing key is configured.
    var servesPlayground: Bool { playground ?? (signer.pairs.isEmpty && thumborKey == nil) }
    /// Turns caches and request coalescing off (for benchmarks of cold requests).
    public var cacheEnabled = true
    /// Folder of the on-disk result cache; nil keeps results in memory only.
    public var cacheDirectory: String?
    /// Bytes of results kept in memory.
    public var memoryCacheBytes = 64 << 20
    /// Bytes of results kept on disk.
    public var diskCacheBytes = 1 << 30
    /// Bytes of original sources kept in memory.
    public var sourceCacheBytes = 128 << 20
    /// How long a source stays fresh when its origin sends no max-age.
    public var sourceTTL: Duration = .seconds(3600)
    /// Header telling HIT or MISS; nil sends none.
    public var cacheStatusHeader: String? = "X-Cache"
    /// Bearer token for `DELETE /admin/purge?source=URL`; nil disables the endpoint.
    public var adminToken: String?

    public init() {}

    /// Requests that fetch and process at once: `activeRequests` (twice the workers by default), never more than
    /// workers and queue together.
    var admittedActive: Int { min(activeRequests ?? 2 * workers, workers + queue) }
    /// Requests that may wait before their fetch: the rest of workers and queue together.
    var admittedWaiting: Int { workers + queue - admittedActive }

    /// Throws when a value is out of range.
    public func validate() throws {
        guard (1...1024).contains(workers) else { throw ConfigurationError("workers must be 1...1024") }
        guard (0...100_000).contains(queue) else { throw ConfigurationError("queue must be 0...100000") }
        if let activeRequests, !(1...100_000).contains(activeRequests) {
            throw ConfigurationError("active requests must be 1...100000")
        }
        guard (1...65535).contains(port) || port == 0 else { throw ConfigurationError("port must be 0...65535") }
        guard timeout > .zero else { throw ConfigurationError("timeout must be positive") }
        guard headerTimeout > .zero else { throw ConfigurationError("header timeout must be positive") }
        for prefix in [thumborPrefix, queryFormPrefix, imgproxyPrefix].compactMap({ $0 })
        where prefix != "/" && (!prefix.hasPrefix("/") || prefix.count < 2 || prefix.hasSuffix("/")) {
            throw ConfigurationError("a dialect's prefix must be a path such as /thumbor or /img")
        }
        if queryFormPrefix == "/" { throw ConfigurationError("the query form needs a prefix such as /img") }
        let prefixes = [thumborPrefix, queryFormPrefix, imgproxyPrefix].compactMap { $0 }
        if Set(prefixes).count != prefixes.count {
            throw ConfigurationError("each dialect needs a prefix of its own (thumbor's may be / when imgproxy's is moved or off)")
        }
        if let instanceName, instanceName.isEmpty || instanceName.count > 64
            || !instanceName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            throw ConfigurationError("an instance name is 1-64 letters, digits, '-', '_' or '.'")
        }
        if let resultStore {
            guard sources.s3 != nil else { throw ConfigurationError("a result store needs the S3 store settings (--s3-*)") }
            guard resultStore.hasPrefix("s3://"), resultStore.dropFirst(5).prefix(while: { $0 != "/" }).count > 0 else {
                throw ConfigurationError("the result store is s3://bucket/prefix")
            }
        }
        guard keepAliveTimeout > .zero else { throw ConfigurationError("keep-alive timeout must be positive") }
        guard sources.maxBytes > 0 else { throw ConfigurationError("max source bytes must be positive") }
        guard memoryCacheBytes >= 0, diskCacheBytes >= 0, sourceCacheBytes >= 0 else {
            throw ConfigurationError("cache sizes must not be negative")
        }
        try pipeline.validate()
    }
}

/// A configuration value is out of range.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
