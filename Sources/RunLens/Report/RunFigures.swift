/// The figures of one run that a digest row shows: its name, span, final losses, throughput,
/// latency percentiles and error rate. Written as the `run` block of `summary.json` and
/// recomputed from the metrics when summaries are merged.
public struct RunFigures: Sendable, Equatable {
    /// The run's name and whether the user gave it.
    public var name: RunName
    /// The earliest and latest wall-clock time (epoch seconds); `nil` when the log has none
    /// or only times relative to its own start.
    public var firstTime: Double?
    public var lastTime: Double?
    /// The lowest and highest training step.
    public var firstStep: Double?
    public var lastStep: Double?
    /// The last training loss: the mean of the last values of the ranks that logged the
    /// highest step (NaN when one of them is NaN).
    public var finalTrainLoss: Double?
    /// The series name the training loss came from.
    public var trainLossMetric: String?
    /// The last validation loss, chosen as the training loss.
    public var finalValLoss: Double?
    /// The series name the validation loss came from.
    public var valLossMetric: String?
    /// Throughput summed over ranks and devices, each its mean over the run, in the log's unit.
    public var throughput: Double?
    /// The series name the throughput came from.
    public var throughputMetric: String?
    /// Request latency percentiles over every rank and device, in milliseconds.
    public var latencyP95: Double?
    public var latencyP99: Double?
    /// The series name the latency came from.
    public var latencyMetric: String?
    /// False when the latency percentiles come from the sketch (within 0.5%).
    public var latencyExact: Bool?
    /// Request records and the failed ones among them.
    public var requests = 0
    public var failedRequests = 0
    /// Request records that say nothing of how they ended (an arrival trace logs none).
    public var requestsWithoutOutcome = 0

    /// Failed requests over requests; `nil` without requests, or when no request's record
    /// says how it ended (then failures are not known, not none).
    public var errorRate: Double? {
        guard requests > requestsWithoutOutcome else { return nil }
        return Double(failedRequests) / Double(requests)
    }

    /// Creates empty figures for `name`.
    public init(name: RunName) {
        self.name = name
    }

    /// The figures of a run with `metrics` and `overview`.
    public init(name: RunName, metrics: [SummaryJSON.MetricEntry], overview: RunOverview) {
        self.name = name
        if !overview.timeIsRelative {
            firstTime = overview.firstTime
            lastTime = overview.lastTime
        }
        firstStep = overview.firstStep
        lastStep = overview.lastStep
        requests = overview.requests
        failedRequests = overview.failedRequests
        requestsWithoutOutcome = overview.requestsWithoutOutcome ?? 0

        if let loss = Self.chosen(.trainLoss, in: metrics) {
            trainLossMetric = loss.name
            finalTrainLoss = Self.finalValue(loss.series)
        }
        if let loss = Self.chosen(.valLoss, in: metrics) {
            valLossMetric = loss.name
            finalValLoss = Self.finalValue(loss.series)
        }
        if let rate = Self.chosen(.throughput, in: metrics) {
            throughputMetric = rate.name
            throughput = Self.summedMeans(rate.series)
        }
        if let latency = Self.chosen(.latency, in: metrics) {
            latencyMetric = latency.name
            setLatency(latency.series)
        }
    }

    private mutating func setLatency(_ series: [SummaryJSON.MetricEntry]) {
        guard series.count > 1 else {
            guard let only = series.first, let p95 = only.stats.p95, let p99 = only.stats.p99
            else { return }
            let scale = only.scale ?? 1
            latencyP95 = p95 * scale
            latencyP99 = p99 * scale
            latencyExact = only.stats.quantilesExact
            return
        }

        var sketch = QuantileSketch()
        for entry in series {
            guard let part = entry.mergeable?.sketch else { return }
            sketch.merge(part)
        }
        let scale = series[0].scale ?? 1
        guard let p95 = sketch.quantile(0.95), let p99 = sketch.quantile(0.99) else { return }
        latencyP95 = p95 * scale
        latencyP99 = p99 * scale
        latencyExact = false
    }

    /// The series of the name chosen for `role`: the name listed first among the role's
    /// default names, then the one with most values, then the first alphabetically.
    static func chosen(_ role: MetricRole, in metrics: [SummaryJSON.MetricEntry])
        -> (name: String, series: [SummaryJSON.MetricEntry])?
    {
        var byName: [String: [SummaryJSON.MetricEntry]] = [:]
        for entry in metrics where entry.role == role {
            byName[entry.name, default: []].append(entry)
        }
        let defaults = role.defaultNames.map(RoleMatcher.normalize)
        func rank(_ name: String) -> Int {
            defaults.firstIndex(of: RoleMatcher.normalize(name)) ?? defaults.count
        }
        func values(_ name: String) -> Int {
            byName[name, default: []].reduce(0) { $0 + $1.stats.count + $1.stats.nonfinite }
        }
        let best = byName.keys.min { left, right in
            if rank(left) != rank(right) { return rank(left) < rank(right) }
            if values(left) != values(right) { return values(left) > values(right) }
            return left < right
        }
        return best.map { ($0, byName[$0, default: []]) }
    }

    /// The mean of the last values of the series that reached the highest position.
    static func finalValue(_ series: [SummaryJSON.MetricEntry]) -> Double? {
        let ends = series.compactMap { entry -> (position: Double, value: Double)? in
            if let last = entry.mergeable?.summary.last { return (last.position, last.value) }
            return entry.stats.last.map { (-Double.infinity, $0) }
        }
        guard let end = ends.map(\.position).max() else { return nil }

        let values = ends.filter { $0.position == end }.map(\.value)
        return values.reduce(0, +) / Double(values.count)
    }

    /// The sum over series of each one's mean, scaled to the role's unit.
    static func summedMeans(_ series: [SummaryJSON.MetricEntry]) -> Double? {
        let means = series.compactMap { entry in entry.stats.mean.map { $0 * (entry.scale ?? 1) } }
        return means.isEmpty ? nil : means.reduce(0, +)
    }
}
