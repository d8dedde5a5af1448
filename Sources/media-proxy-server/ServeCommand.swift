import ArgumentParser
import CCodecSupport
import CommandSupport
import Foundation
import Hummingbird
import ImageOptions
import ImagePipeline
import ImageSources
import Logging
import ProxyServer

/// `media-proxy serve` (this executable, which `media-proxy` runs in its place): the HTTP server. Every flag falls
/// back to a `MEDIAPROXY_*` variable (README table).
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "media-proxy serve", abstract: "Run the HTTP server.")

    @Option(help: "Listen address (MEDIAPROXY_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Listen port (MEDIAPROXY_PORT, default 8080).") var port: Int?
    @Option(help: "Folder served as local:/// (MEDIAPROXY_LOCAL_ROOT, default ./Samples when present).") var localRoot: String?
    @Option(help: "S3-compatible store for s3://bucket/key sources (MEDIAPROXY_S3_ENDPOINT, default AWS's for the region).")
    var s3Endpoint: String?
    @Option(help: "The store's region (MEDIAPROXY_S3_REGION, else AWS_REGION, default us-east-1).") var s3Region: String?
    @Flag(help: "Path-style addressing, endpoint/bucket/key (MEDIAPROXY_S3_PATH_STYLE; MinIO, Ceph, moto).") var s3PathStyle = false
    @Option(help: "Access key (MEDIAPROXY_S3_ACCESS_KEY, else AWS_ACCESS_KEY_ID); with a secret, s3:// sources are on.")
    var s3AccessKey: String?
    @Option(help: "Secret key (MEDIAPROXY_S3_SECRET_KEY, else AWS_SECRET_ACCESS_KEY).") var s3SecretKey: String?
    @Option(help: "Only this bucket may be read, repeatable (MEDIAPROXY_S3_BUCKETS, comma-separated; default all).")
    var s3Bucket: [String] = []
    @Option(help: "Pipeline threads (MEDIAPROXY_WORKERS, default: cores).") var workers: Int?
    @Option(help: "Requests that may wait before 429 (MEDIAPROXY_QUEUE, default 64).") var queue: Int?
    @Option(help: "Requests that may hold a source's bytes at once; the queue waits before fetching (MEDIAPROXY_ACTIVE_REQUESTS, default: twice the workers).")
    var activeRequests: Int?
    @Flag(help: "Allow loopback source addresses (MEDIAPROXY_ALLOW_LOOPBACK_SOURCES).") var allowLoopbackSources = false
    @Flag(help: "Allow private-network source addresses (MEDIAPROXY_ALLOW_PRIVATE_SOURCES).") var allowPrivateSources = false
    @Option(help: "Only fetch sources starting with this prefix; repeatable (MEDIAPROXY_ALLOWED_SOURCES, comma-separated).")
    var allowedSources: [String] = []
    @Option(help: "Hex signing key; repeatable for rotation (MEDIAPROXY_KEY, comma-separated).") var key: [String] = []
    @Option(help: "Hex signing salt, one per key (MEDIAPROXY_SALT, comma-separated).") var salt: [String] = []
    @Option(help: "Signature bytes kept, 1-32 (MEDIAPROXY_SIGNATURE_SIZE, default 32).") var signatureSize: Int?
    @Option(help: "Largest source in bytes (MEDIAPROXY_MAX_SRC_BYTES, default 52428800).") var maxSrcBytes: Int?
    @Option(help: "Largest source frame in megapixels (MEDIAPROXY_MAX_SRC_RESOLUTION, default 50).") var maxSrcResolution: Double?
    @Option(help: "Per-request deadline in seconds (MEDIAPROXY_TIMEOUT, default 20).") var timeout: Double?
    @Option(help: "Seconds a connection may take to send a request head (MEDIAPROXY_HEADER_TIMEOUT, default 10).")
    var headerTimeout: Double?
    @Option(help: "Seconds an idle keep-alive connection may wait for its next request (MEDIAPROXY_KEEP_ALIVE_TIMEOUT, default 60).")
    var keepAliveTimeout: Double?
    @Flag(help: "Disable caches (MEDIAPROXY_NO_CACHE).") var noCache = false
    @Option(help: "Result cache folder (MEDIAPROXY_CACHE_DIR, default .cache/media-proxy).") var cacheDir: String?
    @Option(help: "Result cache in memory, MB (MEDIAPROXY_CACHE_MEMORY_MB, default 64).") var cacheMemoryMb: Int?
    @Option(help: "Result cache on disk, MB (MEDIAPROXY_CACHE_DISK_MB, default 1024).") var cacheDiskMb: Int?
    @Option(help: "Source cache in memory, MB (MEDIAPROXY_SOURCE_CACHE_MB, default 128).") var sourceCacheMb: Int?
    @Option(help: "Seconds a source stays fresh without an origin max-age (MEDIAPROXY_SOURCE_TTL, default 3600).")
    var sourceTtl: Int?
    @Option(help: "Header telling HIT or MISS, empty for none (MEDIAPROXY_CACHE_STATUS_HEADER, default X-Cache).")
    var cacheStatusHeader: String?
    @Option(help: "Bearer token enabling DELETE /admin/purge?source=URL (MEDIAPROXY_ADMIN_TOKEN).") var adminToken: String?
    @Option(help: "Cache-Control max-age of answers in seconds (MEDIAPROXY_CACHE_MAX_AGE, default 31536000).") var cacheMaxAge: Int?
    @Flag(help: "Do not pick WebP from Accept (MEDIAPROXY_NO_AUTO_WEBP).") var noAutoWebp = false
    @Flag(help: "Pick AVIF from Accept (MEDIAPROXY_AUTO_AVIF).") var autoAvif = false
    @Flag(help: "Pick JPEG XL from Accept for still sources, before AVIF and WebP (MEDIAPROXY_AUTO_JXL).") var autoJxl = false
    @Option(help: "Preset as name=options; repeatable (MEDIAPROXY_PRESETS, comma-separated).") var preset: [String] = []
    @Option(help: "File of presets, one name=options a line, # for comments (MEDIAPROXY_PRESETS_FILE).") var presetsFile: String?
    @Flag(help: "Accept only presets (pr:) in requests, as imgproxy's IMGPROXY_ONLY_PRESETS (MEDIAPROXY_ONLY_PRESETS).")
    var onlyPresets = false
    @Option(help: "Where imgproxy's dialect is mounted, empty for off (MEDIAPROXY_IMGPROXY_PREFIX, default /).")
    var imgproxyPrefix: String?
    @Option(help: "Where thumbor's dialect is mounted, empty for off; / once imgproxy's is moved or off (MEDIAPROXY_THUMBOR_PREFIX, default /thumbor).")
    var thumborPrefix: String?
    @Option(help: "Where the query form (/img/photo.jpg?w=300) is mounted, empty for off (MEDIAPROXY_QUERY_PREFIX, default /img).")
    var queryPrefix: String?
    @Option(help: "thumbor's security key for its signatures (MEDIAPROXY_THUMBOR_KEY).") var thumborKey: String?
    @Flag(help: "Accept thumbor's `unsafe` in place of a signature (MEDIAPROXY_THUMBOR_ALLOW_UNSAFE).")
    var thumborAllowUnsafe = false
    @Option(help: "Source of the image imgproxy's wm: draws: a URL or local:///path, fetched and cached as any source (MEDIAPROXY_WATERMARK).")
    var watermark: String?
    @Flag(help: "Let URLs set their own source limits with imgproxy's msr:, msfs:, maf:, mafr: (refused with 403 otherwise) (MEDIAPROXY_ALLOW_SECURITY_OPTIONS).")
    var allowSecurityOptions = false
    @Option(help: "Sent as an X-Instance header on every answer (MEDIAPROXY_INSTANCE_NAME).") var instanceName: String?
    @Option(help: "s3://bucket/prefix shared by every instance for results, in the --s3-* store (MEDIAPROXY_RESULT_STORE).")
    var resultStore: String?
    @Flag(inversion: .prefixedNo, help: "The playground page at / (MEDIAPROXY_PLAYGROUND=1 or 0; default: on unless signing keys are configured).")
    var playground: Bool?
    @Option(help: "Shrink-on-load keeps this many times the pixels needed, 1-4 (MEDIAPROXY_SHRINK_ON_LOAD_MARGIN, default 2; 1 is faster and softer).")
    var shrinkOnLoadMargin: Double?
    @Flag(help: "Send plain JPEG thumbnails through libvips instead of the YUV-domain path (MEDIAPROXY_NO_PLANAR_JPEG).")
    var noPlanarJpeg = false
    @Option(help: "The YUV-domain JPEG path decodes at least this many times the pixels of the answer, 1-4 (MEDIAPROXY_PLANAR_MARGIN, default 1; 2 is sharper and slower).")
    var planarMargin: Double?
    @Flag(help: "Progressive JPEG output (MEDIAPROXY_JPEG_PROGRESSIVE).") var jpegProgressive = false
    @Flag(help: "Palette-quantise PNG output (MEDIAPROXY_PNG_QUANTIZE).") var pngQuantize = false
    @Option(help: "AVIF effort 0-9, higher is smaller and slower (MEDIAPROXY_AVIF_EFFORT, default 2).") var avifEffort: Int?
    @Option(help: "JPEG XL effort 1-9, higher is smaller and slower (MEDIAPROXY_JXL_EFFORT, default 4).") var jxlEffort: Int?
    @Option(help: "JPEG XL quality 1-100 when the request gives none (MEDIAPROXY_JXL_QUALITY, default 75).") var jxlQuality: Int?
    @Option(help: "WebP effort 0-6, higher is smaller and slower; 5 makes GIFs as WebP about 2% smaller at 3x the time (MEDIAPROXY_WEBP_EFFORT, default 4).")
    var webpEffort: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error (MEDIAPROXY_LOG_LEVEL, default info).") var logLevel: String?

    func run() async throws {
        Self.limitMallocArenas()
        let configuration: ServerConfiguration
        do {
            configuration = try makeConfiguration()
        } catch {
            throw CommandFailure.exit(error, context: "configuration")
        }
        let level = Logger.Level(rawValue: logLevel ?? Environment.value("LOG_LEVEL") ?? "info") ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let server = try MediaProxyServer(configuration: configuration)
        let base = "http://\(configuration.host)"
        let app = server.makeApplication(logger: Logger(label: "media-proxy")) { port in
            var banner = "MediaProxy listening on \(base):\(port)\n"
            if configuration.sources.localRoot != nil {
                banner += "Try: \(base):\(port)/unsafe/rs:fit:400:400/plain/local:///landscape.jpg@webp\n"
            }
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await app.runService()
    }

    func makeConfiguration() throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.pipeline = Environment.pipeline
        configuration.host = host ?? Environment.value("HOST") ?? configuration.host
        configuration.port = port ?? Environment.int("PORT") ?? configuration.port
        configuration.workers = workers ?? Environment.int("WORKERS") ?? configuration.workers
        configuration.queue = queue ?? Environment.int("QUEUE") ?? configuration.queue
        configuration.activeRequests = activeRequests ?? Environment.int("ACTIVE_REQUESTS")
        let root = localRoot ?? Environment.value("LOCAL_ROOT")
            ?? (FileManager.default.fileExists(atPath: "Samples") ? "Samples" : nil)
        configuration.sources.localRoot = root
        configuration.sources.addressPolicy = AddressPolicy(
            allowLoopback: allowLoopbackSources || Environment.bool("ALLOW_LOOPBACK_SOURCES"),
            allowPrivate: allowPrivateSources || Environment.bool("ALLOW_PRIVATE_SOURCES"))
        configuration.sources.allowedPrefixes = allowedSources.isEmpty ? Environment.list("ALLOWED_SOURCES") : allowedSources
        configuration.sources.s3 = try s3Configuration()
        configuration.sources.maxBytes = maxSrcBytes ?? Environment.int("MAX_SRC_BYTES") ?? configuration.sources.maxBytes
        if let megapixels = maxSrcResolution ?? Environment.double("MAX_SRC_RESOLUTION") {
            configuration.pipeline.limits.maxSourcePixels = Int(megapixels * 1_000_000)
        }
        configuration.pipeline.planarJPEG = !(noPlanarJpeg || Environment.bool("NO_PLANAR_JPEG"))
        if let margin = planarMargin ?? Environment.double("PLANAR_MARGIN") { configuration.pipeline.planarShrinkMargin = margin }
        if let margin = shrinkOnLoadMargin ?? Environment.double("SHRINK_ON_LOAD_MARGIN") {
            configuration.pipeline.shrinkOnLoadMargin = margin
        }
        configuration.pipeline.encoder.jpegProgressive = jpegProgressive || Environment.bool("JPEG_PROGRESSIVE")
        configuration.pipeline.encoder.pngQuantize = pngQuantize || Environment.bool("PNG_QUANTIZE")
        if let effort = avifEffort ?? Environment.int("AVIF_EFFORT") { configuration.pipeline.encoder.avifEffort = effort }
        if let effort = webpEffort ?? Environment.int("WEBP_EFFORT") { configuration.pipeline.encoder.webpEffort = effort }
        if let effort = jxlEffort ?? Environment.int("JXL_EFFORT") { configuration.pipeline.encoder.jxlEffort = effort }
        if let quality = jxlQuality ?? Environment.int("JXL_QUALITY") { configuration.pipeline.encoder.jxlQuality = quality }
        if let seconds = headerTimeout ?? Environment.double("HEADER_TIMEOUT") {
            configuration.headerTimeout = try Self.duration(seconds, of: "header timeout")
        }
        if let seconds = keepAliveTimeout ?? Environment.double("KEEP_ALIVE_TIMEOUT") {
            configuration.keepAliveTimeout = try Self.duration(seconds, of: "keep-alive timeout")
        }
        if let seconds = timeout ?? Environment.double("TIMEOUT") {
            configuration.timeout = try Self.duration(seconds, of: "timeout")
        }
        configuration.signer = try makeSigner(keys: key.isEmpty ? Environment.list("KEY") : key,
                                              salts: salt.isEmpty ? Environment.list("SALT") : salt,
                                              size: signatureSize ?? Environment.int("SIGNATURE_SIZE") ?? 32)
        configuration.cacheEnabled = !(noCache || Environment.bool("NO_CACHE"))
        configuration.cacheDirectory = cacheDir ?? Environment.value("CACHE_DIR") ?? ".cache/media-proxy"
        if let megabytes = cacheMemoryMb ?? Environment.int("CACHE_MEMORY_MB") { configuration.memoryCacheBytes = megabytes << 20 }
        if let megabytes = cacheDiskMb ?? Environment.int("CACHE_DISK_MB") { configuration.diskCacheBytes = megabytes << 20 }
        if let megabytes = sourceCacheMb ?? Environment.int("SOURCE_CACHE_MB") { configuration.sourceCacheBytes = megabytes << 20 }
        if let seconds = sourceTtl ?? Environment.int("SOURCE_TTL") { configuration.sourceTTL = .seconds(seconds) }
        let statusHeader = cacheStatusHeader ?? ProcessInfo.processInfo.environment["MEDIAPROXY_CACHE_STATUS_HEADER"] ?? "X-Cache"
        configuration.cacheStatusHeader = statusHeader.isEmpty ? nil : statusHeader
        configuration.adminToken = adminToken ?? Environment.value("ADMIN_TOKEN")
        configuration.cacheMaxAge = cacheMaxAge ?? Environment.int("CACHE_MAX_AGE") ?? configuration.cacheMaxAge
        configuration.autoWebP = !(noAutoWebp || Environment.bool("NO_AUTO_WEBP"))
        configuration.autoAVIF = autoAvif || Environment.bool("AUTO_AVIF")
        configuration.autoJXL = autoJxl || Environment.bool("AUTO_JXL")
        var definitions: [String: String] = [:]
        if let file = presetsFile ?? Environment.value("PRESETS_FILE") {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read the presets file \(file)")
            }
            definitions = try PresetTable.definitions(fromFile: text)
        }
        for item in preset.isEmpty ? Environment.list("PRESETS") : preset {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("preset '\(item)' is not name=options") }
            definitions[String(parts[0])] = String(parts[1])
        }
        configuration.presets = try PresetTable(definitions)
        configuration.presets.onlyPresets = onlyPresets || Environment.bool("ONLY_PRESETS")
        let imgproxy = imgproxyPrefix ?? ProcessInfo.processInfo.environment["MEDIAPROXY_IMGPROXY_PREFIX"] ?? "/"
        configuration.imgproxyPrefix = imgproxy.isEmpty ? nil : imgproxy
        let thumbor = thumborPrefix ?? ProcessInfo.processInfo.environment["MEDIAPROXY_THUMBOR_PREFIX"] ?? "/thumbor"
        configuration.thumborPrefix = thumbor.isEmpty ? nil : thumbor
        configuration.thumborKey = thumborKey ?? Environment.value("THUMBOR_KEY")
        let queryForm = queryPrefix ?? ProcessInfo.processInfo.environment["MEDIAPROXY_QUERY_PREFIX"] ?? "/img"
        configuration.queryFormPrefix = queryForm.isEmpty ? nil : queryForm
        configuration.thumborAllowsUnsafe = thumborAllowUnsafe || Environment.bool("THUMBOR_ALLOW_UNSAFE")
        configuration.watermark = watermark ?? Environment.value("WATERMARK")
        configuration.allowSecurityOptions = allowSecurityOptions || Environment.bool("ALLOW_SECURITY_OPTIONS")
        configuration.instanceName = instanceName ?? Environment.value("INSTANCE_NAME")
        configuration.resultStore = resultStore ?? Environment.value("RESULT_STORE")
        configuration.playground = playground ?? Environment.value("PLAYGROUND").map { ["1", "true", "yes", "on"].contains($0.lowercased()) }
        try configuration.validate()
        return configuration
    }

    /// Seconds from a flag or variable as a duration: positive and at most a day (a huge or non-finite value would
    /// trap in the conversion).
    static func duration(_ seconds: Double, of name: String) throws -> Duration {
        guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw ValidationError("\(name) must be more than 0 and at most 86400 seconds")
        }
        return .milliseconds(Int((seconds * 1000).rounded(.up)))
    }

    /// The S3 store, when credentials are given (flags, `MEDIAPROXY_S3_*`, or AWS's standard variables).
    private func s3Configuration() throws -> S3Configuration? {
        let aws = ProcessInfo.processInfo.environment
        let access = s3AccessKey ?? Environment.value("S3_ACCESS_KEY") ?? aws["AWS_ACCESS_KEY_ID"]
        let secret = s3SecretKey ?? Environment.value("S3_SECRET_KEY") ?? aws["AWS_SECRET_ACCESS_KEY"]
        guard let access, !access.isEmpty, let secret, !secret.isEmpty else { return nil }
        var store = S3Configuration(accessKey: access, secretKey: secret)
        store.sessionToken = aws["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        store.region = s3Region ?? Environment.value("S3_REGION") ?? aws["AWS_REGION"] ?? store.region
        store.pathStyle = s3PathStyle || Environment.bool("S3_PATH_STYLE")
        if let endpoint = s3Endpoint ?? Environment.value("S3_ENDPOINT") {
            guard let url = URL(string: endpoint), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ValidationError("--s3-endpoint must be an http(s) URL")
            }
            store.endpoint = url
        }
        store.allowedBuckets = s3Bucket.isEmpty ? Environment.list("S3_BUCKETS") : s3Bucket
        return store
    }
}

extension ServeCommand {
    /// glibc gives every thread that allocates under contention an arena of its own (up to 8 per core) and keeps
    /// what they freed: a server's RSS settled at ~450 MB over mixed requests with the default and at ~190 MB
    /// with two, at no measurable cost in throughput (Benchmarks/memory.sh; imgproxy recommends the same). An
    /// operator's MALLOC_ARENA_MAX, read by glibc itself, is left as it is.
    static func limitMallocArenas() {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
        mp_limit_malloc_arenas(2)
    }
}

