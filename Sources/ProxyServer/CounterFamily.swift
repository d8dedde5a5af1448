import Prometheus
import Synchronization

/// One labelled counter, `mediaproxy_<name>_total{<label>=...}`, with each value's counter kept once made: the
/// registry validates names and takes its lock on every `makeCounter`, which a cache hit cannot afford.
final class CounterFamily<Value: Hashable & Sendable & CustomStringConvertible>: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let name: String
    private let help: String
    private let label: String
    private let counters = Mutex<[Value: Counter]>([:])

    init(_ registry: PrometheusCollectorRegistry, name: String, help: String, label: String) {
        self.registry = registry
        self.name = name
        self.help = help
        self.label = label
    }

    /// Adds one to the counter of `value`.
    func increment(_ value: Value) {
        if let counter = counters.withLock({ $0[value] }) {
            counter.increment()
            return
        }
        let descriptor = MetricNameDescriptor(namespace: "mediaproxy", metricName: name, unitName: "total", helpText: help)
        let counter = registry.makeCounter(descriptor: descriptor, labels: [(label, value.description)])
        counters.withLock { $0[value] = counter }
        counter.increment()
    }
}
