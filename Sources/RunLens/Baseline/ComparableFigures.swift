/// The figures of one run that a baseline comparison reads, taken from the parts of its
/// `summary.json` (so this run and an earlier one are measured the same way).
public struct ComparableFigures: Sendable, Equatable {
    /// One figure and the series it came from.
    public struct Figure: Sendable, Equatable {
        /// The value, in the quantity's unit.
        public var value: Double
        /// The metric as the log named it (`loss`, `tokens_per_second`), or what it counts.
        public var metric: String
    }

    /// What the run was.
    public var kind: RunKind
    /// The figures it has.
    public var figures: [BaselineQuantity: Figure] = [:]
    /// The last value of each eval score, by metric name.
    public var evalScores: [String: Double] = [:]

    /// The figures of a summary's `metrics`, `run` block and `serving` block.
    public init(
        metrics: [SummaryJSON.MetricEntry], run: RunFigures?, serving: ServingSummary?
    ) {
        let requests = serving?.overall.requests ?? run?.requests ?? 0
        kind = requests > 0 ? .serving : .other
        if kind == .serving {
            addServing(serving, run: run)
        } else {
            addTraining(metrics)
            if !figures.isEmpty { kind = .training }
        }
        for (name, series) in Dictionary(
            grouping: metrics.filter { $0.role == .quality }, by: \.name)
        where !QualityRegressionDetector.isTrainingScore(name) {
            if let last = RunFigures.finalValue(series), last.isFinite { evalScores[name] = last }
        }
    }

    private mutating func addTraining(_ metrics: [SummaryJSON.MetricEntry]) {
        if let loss = RunFigures.chosen(.trainLoss, in: metrics) {
            set(.finalTrainLoss, RunFigures.finalValue(loss.series), loss.name)
            set(.bestTrainLoss, Self.lowest(loss.series), loss.name)
        }
        if let loss = RunFigures.chosen(.valLoss, in: metrics) {
            set(.finalValLoss, RunFigures.finalValue(loss.series), loss.name)
            set(.bestValLoss, Self.lowest(loss.series), loss.name)
        }
        if let rate = RunFigures.chosen(.throughput, in: metrics) {
            set(.throughput, RunFigures.summedMeans(rate.series), rate.name)
        }
        if let step = RunFigures.chosen(.stepTime, in: metrics) {
            set(.stepTimeMean, Self.pooledMean(step.series), step.name)
            set(.stepTimeP95, Self.pooledP95(step.series), step.name)
        }
    }

    private mutating func addServing(_ serving: ServingSummary?, run: RunFigures?) {
        let overall = serving?.overall
        let latency = overall?.latency
        set(.latencyP50, latency?.p50, "latency_p50")
        set(.latencyP95, latency?.p95 ?? run?.latencyP95, "latency_p95")
        set(.latencyP99, latency?.p99 ?? run?.latencyP99, "latency_p99")
        set(.ttftP50, overall?.ttft?.p50, "ttft_p50")
        set(.ttftP95, overall?.ttft?.p95, "ttft_p95")
        set(.ttftP99, overall?.ttft?.p99, "ttft_p99")
        // A serving summary without an error rate logged no outcome: no rate, not 0%.
        let rate = serving.map(\.overall.errorRate) ?? run?.errorRate
        set(.errorRate, rate.map { $0 * 100 }, "error_rate")
        if let tokens = overall?.outputTokensPerSecond {
            set(.throughput, tokens, "output_tokens_per_second")
        } else {
            set(.throughput, overall?.requestsPerSecond, "requests_per_second")
        }
    }

    private mutating func set(_ quantity: BaselineQuantity, _ value: Double?, _ metric: String) {
        guard let value else { return }
        figures[quantity] = Figure(value: value, metric: metric)
    }

    /// The lowest finite value of any of the series.
    static func lowest(_ series: [SummaryJSON.MetricEntry]) -> Double? {
        series.compactMap { entry in entry.stats.min.map { $0 * (entry.scale ?? 1) } }.min()
    }

    /// The mean over every value of the series, in the role's unit.
    static func pooledMean(_ series: [SummaryJSON.MetricEntry]) -> Double? {
        var sum = 0.0
        var count = 0
        for entry in series {
            guard let mean = entry.stats.mean, entry.stats.count > 0 else { continue }
            sum += mean * Double(entry.stats.count) * (entry.scale ?? 1)
            count += entry.stats.count
        }
        return count > 0 ? sum / Double(count) : nil
    }

    /// The p95 over every value of the series, in the role's unit: the series' own when
    /// there is one, else from the merged sketches (within 0.5%).
    static func pooledP95(_ series: [SummaryJSON.MetricEntry]) -> Double? {
        guard series.count > 1 else {
            let only = series.first
            return only?.stats.p95.map { $0 * (only?.scale ?? 1) }
        }
        var sketch = QuantileSketch()
        for entry in series {
            guard let part = entry.mergeable?.sketch else { return nil }
            sketch.merge(part)
        }
        return sketch.quantile(0.95).map { $0 * (series[0].scale ?? 1) }
    }
}
