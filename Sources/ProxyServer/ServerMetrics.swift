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
    private let resident: Gauge

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
        resident = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "resident_memory", unitName: "bytes", helpText: "Resident set size"))
    }

    /// Counts one answer by status.
    public func countRequest(status: Int) {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "mediaproxy", metricName: "requests",
                                                              unitName: "total", helpText: "Answers by status"),
                             labels: [("status", String(status))]).increment()
    }

    public func record(_ stage: Stage, _ duration: Duration) { stageHistograms[stage]?.record(duration) }
    public func countSourceBytes(_ count: Int) { bytesIn.increment(by: Int64(count)) }
    public func countResponseBytes(_ count: Int) { bytesOut.increment(by: Int64(count)) }

    /// The exposition text, with the gauges read now.
    public func render(pool: WorkerPool) -> [UInt8] {
        queueDepth.set(Double(pool.queueDepth))
        inFlight.set(Double(pool.inFlight))
        resident.set(Double(System.residentBytes))
        return registry.emitToBuffer()
    }
}
