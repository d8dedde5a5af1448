import Prometheus

/// The server's Prometheus metrics, in one registry per server (no process-wide state, so tests can run
/// several servers).
public final class ServerMetrics: Sendable {
    /// Pipeline stages timed per request.
    public enum Stage: String, Sendable, CaseIterable {
        case fetch, queue, process, encode, total
    }

    public let registry = PrometheusCollectorRegistry()
    private let stageHistograms: [Stage: DurationHistogram]
    private let bytesIn: Counter
    private let bytesOut: Counter
    private let queueDepth: Gauge
    private let inFlight: Gauge
    private let waitingToFetch: Gauge
    private let resident: Gauge
    private let pipelineRuns: Counter
    private let hitsBelowRouter: Counter
    private let cacheLookups: CounterFamily<String>
    private let sourceLookups: CounterFamily<String>
    private let answers: CounterFamily<Int>

    public init() {
        let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                   .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                   .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30)]
        var histograms: [Stage: DurationHistogram] = [:]
        for stage in Stage.allCases {
            histograms[stage] = registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(namespace: "mediaproxy", metricName: "stage_duration", unitName: "seconds",
                                                 helpText: "Time per request stage"),
                labels: [("stage", stage.rawValue)], buckets: buckets)
        }
        stageHistograms = histograms
        bytesIn = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "mediaproxy", metricName: "source_bytes", unitName: "total", helpText: "Source bytes fetched"))
        bytesOut = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "mediaproxy", metricName: "response_bytes", unitName: "total", helpText: "Image bytes answered"))
        queueDepth = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "mediaproxy", metricName: "queue_depth", helpText: "Jobs waiting for a worker"))
        inFlight = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "mediaproxy", metricName: "jobs_in_flight", helpText: "Jobs running on workers"))
        waitingToFetch = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "mediaproxy", metricName: "requests_waiting_to_fetch",
            helpText: "Requests waiting for a place before fetching their source"))
        pipelineRuns = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "mediaproxy", metricName: "pipeline_runs", unitName: "total", helpText: "Results computed"))
        hitsBelowRouter = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "mediaproxy", metricName: "cache_hits_below_router", unitName: "total",
            helpText: "Memory cache hits answered before the router"))
        cacheLookups = CounterFamily(registry, name: "cache_lookups", help: "Result cache lookups", label: "result")
        sourceLookups = CounterFamily(registry, name: "source_lookups", help: "Source fetches by outcome",
                                      label: "outcome")
        answers = CounterFamily(registry, name: "requests", help: "Answers by status", label: "status")
        resident = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "resident_memory", unitName: "bytes", helpText: "Resident set size"))
    }

    /// Counts a result-cache hit in a tier, or a miss.
    public func countCache(_ outcome: String) { cacheLookups.increment(outcome) }

    /// Counts a pipeline run (a result computed).
    public func countPipelineRun() { pipelineRuns.increment() }

    /// Counts a memory hit answered by the cache-hit handler in front of the router.
    func countHitBelowRouter() { hitsBelowRouter.increment() }

    /// Counts how a source was obtained: hit, revalidated, fetched, uncached.
    public func countSource(_ outcome: String) { sourceLookups.increment(outcome) }

    /// Counts one answer by status.
    public func countRequest(status: Int) { answers.increment(status) }

    public func record(_ stage: Stage, _ duration: Duration) { stageHistograms[stage]?.record(duration) }
    public func countSourceBytes(_ count: Int) { bytesIn.increment(by: Int64(count)) }
    public func countResponseBytes(_ count: Int) { bytesOut.increment(by: Int64(count)) }

    /// The exposition text, with the gauges read now.
    func render(pool: WorkerPool, gate: AdmissionGate, results: ResultCache?, sources: SourceCache?) -> [UInt8] {
        func gauge(_ name: String, _ help: String, _ tier: String, _ value: Int) {
            registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "mediaproxy", metricName: name, helpText: help),
                               labels: [("tier", tier)]).set(Double(value))
        }
        if let results {
            gauge("cache_bytes", "Bytes held by a cache", "memory", results.memory.totalCost)
            gauge("cache_evictions", "Entries evicted from a cache", "memory", results.memory.evictions)
            if let disk = results.disk {
                gauge("cache_bytes", "Bytes held by a cache", "disk", disk.totalBytes)
                gauge("cache_evictions", "Entries evicted from a cache", "disk", disk.evictions)
                gauge("cache_corrupt_entries", "Corrupt disk entries dropped", "disk", disk.corruptEntries)
            }
        }
        if let sources {
            gauge("cache_bytes", "Bytes held by a cache", "source", sources.entries.totalCost)
            gauge("cache_evictions", "Entries evicted from a cache", "source", sources.entries.evictions)
        }
        queueDepth.set(Double(pool.queueDepth))
        waitingToFetch.set(Double(gate.queueDepth))
        inFlight.set(Double(pool.inFlight))
        resident.set(Double(System.residentBytes))
        return registry.emitToBuffer()
    }
}
