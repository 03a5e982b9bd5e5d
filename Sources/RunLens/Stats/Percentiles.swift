/// The three quantiles every report shows, and whether they are exact.
public struct Percentiles: Sendable, Equatable {
    /// The median (0.5-quantile).
    public var p50: Double

    /// The 0.95-quantile.
    public var p95: Double

    /// The 0.99-quantile.
    public var p99: Double

    /// `true` when computed from every value by ``ExactQuantiles``; `false` when estimated by
    /// a ``QuantileSketch`` (relative error ≤ ``QuantileSketch/relativeAccuracy``).
    public var isExact: Bool

    /// Creates a set of percentiles.
    public init(p50: Double, p95: Double, p99: Double, isExact: Bool) {
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.isExact = isExact
    }
}
