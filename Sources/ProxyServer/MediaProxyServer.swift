import Hummingbird
import ImagePipeline
import ImageSources
import Logging
import NIOCore
import ServiceLifecycle

/// The MediaProxy HTTP server: built here for both `media-proxy serve` and the tests.
public struct MediaProxyServer: Sendable {
    /// The Server header of every answer.
    static let serverName = "MediaProxy"
    public let configuration: ServerConfiguration
    public let metrics = ServerMetrics()
    let pool: WorkerPool
    let gate: AdmissionGate
    let handler: ImageRequestHandler

    /// Checks the configuration and starts libvips and the worker threads.
    public init(configuration: ServerConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        pool = WorkerPool(workers: configuration.workers, capacity: configuration.queue)
        gate = AdmissionGate(active: configuration.admittedActive, waiting: configuration.admittedWaiting)
        let processor = try ImageProcessor(configuration: configuration.pipeline)
        try processor.startLibraries()
        let fetcher = try SourceFetcher(configuration: configuration.sources)
        let producer = try VariantProducer(configuration: configuration, fetcher: fetcher, processor: processor,
                                           pool: pool, gate: gate, metrics: metrics)
        handler = ImageRequestHandler(configuration: configuration, producer: producer, metrics: metrics,
                                      memo: QueryMemo(), policy: AnswerPolicy(configuration))
    }

    /// The application: `/health`, `/ready`, `/metrics`, `DELETE /admin/purge?source=URL` (bearer token), the
    /// playground at `/` when it is on, and image paths for GET and HEAD.
    /// `onServerRunning` receives the bound port (useful with port 0).
    public func makeApplication(logger: Logger = Logger(label: "media-proxy"),
                                onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: ProxyRequestContext.self)
        if let name = configuration.instanceName { router.add(middleware: InstanceHeaderMiddleware(name: name)) }
        let handler = handler
        let metrics = metrics
        let pool = pool
        let gate = gate
        router.get("/health") { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok"))) }
        router.get("/ready") { _, _ in
            let busy = gate.queueDepth + pool.queueDepth >= max(1, pool.capacity)
            return Response(status: busy ? .serviceUnavailable : .ok,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: busy ? "busy" : "ready")))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render(
                        pool: pool, gate: gate, results: handler.producer.results, sources: handler.producer.sources))))
        }
        router.delete("/admin/purge") { request, _ in
            guard let token = configuration.adminToken else { return Response(status: .notFound) }
            guard request.headers[.authorization] == "Bearer \(token)" else { return Response(status: .unauthorized) }
            guard let source = request.uri.queryParameters.get("source"), !source.isEmpty else {
                return Response(status: .badRequest)
            }
            handler.producer.purge(source: source)
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"purged\":true}")))
        }
        if configuration.servesPlayground {
            router.get("/") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: PlaygroundPage.html(configuration))))
            }
            router.get("/playground/samples") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: PlaygroundPage.samplesJSON(configuration))))
            }
        }
        router.get("/info/**") { request, context in await handler.respondWithInfo(to: request, context: context) }
        router.get("/**") { request, context in await handler.respond(to: request, context: context) }
        router.head("/**") { request, context in await handler.respond(to: request, context: context) }
        let hits = handler.producer.results.map {
            CacheHitLookup(configuration: configuration, results: $0, metrics: metrics, memo: handler.memo,
                           policy: handler.policy)
        }
        return Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: Self.channelHandlers(configuration, hits: hits))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: Self.serverName),
            services: [PoolShutdownService(pool: pool)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// The handlers each connection gets after HTTP decoding: the header timeout, the client's departure, then
    /// the cache-hit handler.
    private static func channelHandlers(_ configuration: ServerConfiguration,
                                        hits: CacheHitLookup?) -> [any RemovableChannelHandler] {
        let timeout = TimeAmount(configuration.headerTimeout)
        // An idle keep-alive connection may wait longer for its next head than a new one for its first (nginx: 75 s).
        let keepAlive = max(timeout, TimeAmount(configuration.keepAliveTimeout))
        return [HeaderTimeoutHandler(timeout: timeout, keepAlive: keepAlive), ClientDepartureHandler()]
            + (hits.map { [CacheHitHandler(lookup: $0)] } ?? [])
    }
}

/// Stops the worker threads once the server has shut down gracefully.
struct PoolShutdownService: Service {
    let pool: WorkerPool

    func run() async throws {
        try? await gracefulShutdown()
        pool.shutdown()
    }
}
