import Foundation
import ImageOptions
import ImagePipeline
import ImageSources
import MediaFormats

/// Produces the bytes of one variant: from the result cache, or by fetching the source (source cache,
/// coalesced per URL) and running the pipeline on the worker pool (coalesced per variant), then caching.
struct VariantProducer: Sendable {
    let configuration: ServerConfiguration
    let fetcher: SourceFetcher
    let processor: ImageProcessor
    let pool: WorkerPool
    /// Bounds the requests that hold a source's bytes at once.
    let gate: AdmissionGate
    let metrics: ServerMetrics
    let results: ResultCache?
    let sources: SourceCache?
    /// Results shared with the other instances through an object store, after the local tiers.
    let shared: SharedResultTier?
    private let resultFlights = Coalescer<CacheKey, CachedResult>()
    private let sourceFlights = Coalescer<String, FetchedSource>()

    init(configuration: ServerConfiguration, fetcher: SourceFetcher, processor: ImageProcessor, pool: WorkerPool,
         gate: AdmissionGate, metrics: ServerMetrics) throws {
        self.configuration = configuration
        self.fetcher = fetcher
        self.processor = processor
        self.pool = pool
        self.gate = gate
        self.metrics = metrics
        guard configuration.cacheEnabled else {
            results = nil
            sources = nil
            shared = nil
            return
        }
        shared = configuration.resultStore.flatMap {
            SharedResultTier(location: $0, store: configuration.sources.s3, maxBytes: configuration.sources.maxBytes)
        }
        let disk = try configuration.cacheDirectory.map { try DiskCache(root: $0, capacity: configuration.diskCacheBytes) }
        results = ResultCache(memoryBytes: configuration.memoryCacheBytes, disk: disk)
        sources = SourceCache(capacity: configuration.sourceCacheBytes, defaultTTL: configuration.sourceTTL)
    }

    /// The variant a query asks for, and whether it was a cache hit.
    func variant(for query: ImageQuery,
                 deadline: ContinuousClock.Instant) async throws -> (result: CachedResult, hit: Bool) {
        let path = query.path
        let key = query.cacheKey
        guard let results else { return (try await produce(path, key: key, deadline: deadline), false) }
        if let (hit, tier) = await results.value(for: key) {
            metrics.countCache(tier.rawValue)
            return (hit, true)
        }
        metrics.countCache("miss")
        let shared = shared
        let metrics = metrics
        let produced = try await resultFlights.run(key) {
            if let shared, let stored = await shared.value(for: key) {
                metrics.countCache("shared")
                await results.store(stored, for: key)
                return stored
            }
            let result = try await produce(path, key: key, deadline: deadline)
            if let shared {
                // Written beside the answer: the viewer does not wait for the store.
                Task { if await !shared.store(result, for: key) { metrics.countCache("shared_write_failed") } }
            }
            return result
        }
        return (produced.value, false)
    }

    /// The header, size, type and placeholder of the source at `url` (through the source cache), on the worker pool.
    func info(for url: String, deadline: ContinuousClock.Instant) async throws -> SourceSummary {
        let processor = processor
        return try await gate.admitted(until: deadline) {
            let source = try await fetchSource(url, deadline: deadline)
            return try await pool.run { try processor.summary(source.bytes, format: source.format) }
        }
    }

    /// thumbor's `meta` answer for a path: planned from the source's header on the worker pool, never cached.
    func meta(for path: ImagePath, deadline: ContinuousClock.Instant) async throws -> ThumborMeta {
        let processor = processor
        return try await gate.admitted(until: deadline) {
            let source = try await fetchSource(path.source, deadline: deadline)
            let plan = try await pool.run { try processor.plan(source.bytes, format: source.format, options: path.options) }
            return ThumborMeta(plan: plan, sourceURL: path.source)
        }
    }

    /// Drops every cached variant and the cached original of one source.
    func purge(source url: String) {
        results?.purge(sourceURL: url)
        sources?.entries.removeValue(for: url)
    }

    private func produce(_ path: ImagePath, key: CacheKey, deadline: ContinuousClock.Instant) async throws -> CachedResult {
        let processed = try await gate.admitted(until: deadline) { try await fetchAndProcess(path, deadline: deadline) }
        let result = CachedResult(body: processed.image.bytes, format: processed.image.format,
                                  lastModified: processed.lastModified ?? HTTPDate.format(Date()))
        await results?.store(result, for: key)
        return result
    }

    /// Fetches the source and renders it on the worker pool; only the rendered image and the source's
    /// Last-Modified outlive it.
    private func fetchAndProcess(_ path: ImagePath, deadline: ContinuousClock.Instant) async throws
        -> (image: ProcessedImage, lastModified: String?) {
        let fetchStart = ContinuousClock.now
        let source = try await fetchSource(path.source, deadline: deadline)
        metrics.record(.fetch, fetchStart.duration(to: .now))
        let options = path.options
        if let format = source.format, options.raw || options.skipProcessing.contains(format) {
            return (try Self.passedThrough(source, format: format, options: options), source.lastModified)
        }
        var markBytes: [UInt8]?
        if let mark = options.watermark {
            markBytes = try await fetchSource(mark.source ?? configuration.watermark ?? "", deadline: deadline).bytes
        }
        let watermark = markBytes
        let queued = ContinuousClock.now
        let processor = processor
        let metrics = metrics
        let pool = pool
        let processed = try await pool.run { () throws -> ProcessedImage in
            metrics.record(.queue, queued.duration(to: .now))
            // An animation renders frames on idle workers' share of the CPU, re-asked per batch of frames.
            return try processor.process(source.bytes, format: source.format, options: options, watermark: watermark,
                                         deadline: deadline, parallelism: { 1 + pool.spareWorkers })
        }
        metrics.countPipelineRun()
        metrics.record(.process, processed.timings.process)
        metrics.record(.encode, processed.timings.encode)
        return (processed, source.lastModified)
    }

    /// The source as it came (`raw:`, or a format `skp:` names), still under the request's file-size limit.
    private static func passedThrough(_ source: FetchedSource, format: ImageFormat,
                                      options: ProcessingOptions) throws -> ProcessedImage {
        if let most = options.sourceLimits.maxFileSize, source.bytes.count > most {
            throw PipelineError.sourceTooLarge("source over the request's file-size limit")
        }
        return ProcessedImage(passingThrough: source.bytes, format: format)
    }

    private func fetchSource(_ url: String, deadline: ContinuousClock.Instant) async throws -> FetchedSource {
        guard let sources else {
            let source = try await fetcher.fetch(url, deadline: deadline)
            metrics.countSourceBytes(source.bytes.count)
            return source
        }
        let fetcher = fetcher
        let metrics = metrics
        return try await sourceFlights.run(url) {
            let (source, outcome) = try await sources.fetch(url, deadline: deadline, fetcher: fetcher)
            metrics.countSource(outcome.rawValue)
            if outcome != .hit { metrics.countSourceBytes(source.bytes.count) }
            return source
        }.value
    }
}
