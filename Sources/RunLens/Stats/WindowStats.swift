/// The statistics of one series over one window, as a row of `windows.csv`.
///
/// The window covers positions `windowStart ≤ position < windowEnd` (steps, or epoch
/// seconds). Statistics of finite values are `nil` when the window holds none (for example
/// only NaN).
public struct WindowStats: Sendable, Equatable {
    /// The first position the window covers.
    public var windowStart: Double

    /// The first position after the window.
    public var windowEnd: Double

    /// How many finite values fell in the window.
    public var count: Int

    /// How many NaN or infinite values fell in the window.
    public var nonfinite: Int

    /// The mean of the finite values.
    public var mean: Double?

    /// The sample standard deviation (divisor n − 1; 0 for one value).
    public var std: Double?

    /// The smallest finite value.
    public var min: Double?

    /// The largest finite value.
    public var max: Double?

    /// The median, exact or from the sketch (see ``quantilesExact``).
    public var p50: Double?

    /// The 0.95-quantile.
    public var p95: Double?

    /// The 0.99-quantile.
    public var p99: Double?

    /// The value at the lowest position in the window, finite or not.
    public var first: Observation?

    /// The value at the highest position in the window, finite or not.
    public var last: Observation?

    /// The series' bias-corrected moving average (``EMA``) right after the last value of
    /// this window arrived; `nil` while the series had no finite value yet.
    public var ema: Double?

    /// `true` when p50, p95 and p99 are exact (linear interpolation over every value), `false`
    /// when they come from a ``QuantileSketch`` with relative error ≤ 0.5%.
    public var quantilesExact: Bool

    /// Creates a window's statistics from its bounds, summary, percentiles and average.
    public init(
        windowStart: Double, windowEnd: Double, summary: SummaryStats,
        percentiles: Percentiles?, ema: Double?
    ) {
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        count = summary.count
        nonfinite = summary.nonfinite
        mean = summary.mean
        std = summary.std
        min = summary.min
        max = summary.max
        p50 = percentiles?.p50
        p95 = percentiles?.p95
        p99 = percentiles?.p99
        first = summary.first
        last = summary.last
        self.ema = ema
        quantilesExact = percentiles?.isExact ?? true
    }
}
