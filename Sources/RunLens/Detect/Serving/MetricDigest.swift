/// The values of one request metric in one scope: quantiles exact up to `capacity` values,
/// then from the mergeable `QuantileSketch` (relative error ≤ 0.5%).
///
/// Count, sum, minimum and maximum are always exact. Memory is at most `capacity × 8`
/// bytes, or one sketch (≤ 32 KiB) past it.
struct MetricDigest {
    private var quantiles: QuantileAccumulator
    private(set) var count = 0
    private(set) var sum = 0.0
    private(set) var min = Double.infinity
    private(set) var max = -Double.infinity

    init(capacity: Int) {
        quantiles = QuantileAccumulator(exactCapacity: Swift.max(1, capacity))
    }

    /// Adds a finite value; others are ignored.
    mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        count += 1
        sum += value
        min = Swift.min(min, value)
        max = Swift.max(max, value)
        quantiles.add(value)
    }

    /// Count, mean, extremes and quantiles (linear interpolation between closest ranks,
    /// NumPy's default); `nil` when no value was added.
    func distribution() -> Distribution? {
        var ordered = quantiles
        guard count > 0, let percentiles = ordered.percentiles() else { return nil }
        return Distribution(
            count: count, mean: sum / Double(count), min: min,
            p50: Swift.min(Swift.max(percentiles.p50, min), max),
            p95: Swift.min(Swift.max(percentiles.p95, min), max),
            p99: Swift.min(Swift.max(percentiles.p99, min), max), max: max,
            exact: percentiles.isExact)
    }
}
