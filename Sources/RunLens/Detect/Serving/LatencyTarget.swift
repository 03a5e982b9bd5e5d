/// One latency objective: a quantile of a request metric must stay at or below a threshold.
public struct LatencyTarget: Sendable, Equatable {
    /// Which request metric.
    public enum Metric: String, Sendable {
        case latency
        case ttft
    }

    /// The name in incidents and tables: `latency_p95`, `ttft_p99`.
    public var name: String
    /// The metric it is about.
    public var metric: Metric
    /// The quantile, 0.95 for p95.
    public var quantile: Double
    /// The highest acceptable value of that quantile, ms.
    public var thresholdMs: Double

    /// Creates a target named after its metric and quantile.
    public init(metric: Metric, quantile: Double, thresholdMs: Double) {
        self.metric = metric
        self.quantile = quantile
        self.thresholdMs = thresholdMs
        name = "\(metric.rawValue)_p\(Int((quantile * 100).rounded()))"
    }

    /// `p95 latency`, for messages.
    public var label: String {
        "p\(Int((quantile * 100).rounded())) \(metric == .ttft ? "TTFT" : "latency")"
    }
}

extension ServingSettings {
    /// The latency and TTFT targets these settings set.
    public var latencyTargets: [LatencyTarget] {
        [
            LatencyTarget(metric: .latency, quantile: 0.95, thresholdMs: sloLatencyP95Ms),
            LatencyTarget(metric: .latency, quantile: 0.99, thresholdMs: sloLatencyP99Ms),
            LatencyTarget(metric: .ttft, quantile: 0.95, thresholdMs: sloTtftP95Ms),
            LatencyTarget(metric: .ttft, quantile: 0.99, thresholdMs: sloTtftP99Ms),
        ]
    }
}
