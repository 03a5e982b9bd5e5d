/// Whole-run statistics of one series, as `summary.json` stores them.
///
/// The sketch is kept so that a later `digest` can merge runs without their logs.
public struct RunStats: Sendable, Equatable {
    /// Count, non-finite counts, mean, standard deviation, extremes, sum, first and last.
    public var summary: SummaryStats

    /// p50, p95 and p99 with whether they are exact; `nil` when no finite value was seen.
    public var percentiles: Percentiles?

    /// The bias-corrected moving average (``EMA``) after the last value.
    public var ema: Double?

    /// A sketch of every finite value (relative error ≤ 0.5%), for merging.
    public var sketch: QuantileSketch

    /// Creates whole-run statistics from their parts.
    public init(
        summary: SummaryStats, percentiles: Percentiles?, ema: Double?, sketch: QuantileSketch
    ) {
        self.summary = summary
        self.percentiles = percentiles
        self.ema = ema
        self.sketch = sketch
    }

    /// Adds the statistics of `other`, a later part of the same series (another file of the
    /// run, or a later run in a digest).
    ///
    /// Percentiles then come from the merged sketch and are no longer exact; the moving
    /// average is `other`'s when it has one, as the latest known.
    public mutating func merge(_ other: RunStats) {
        summary.merge(other.summary)
        sketch.merge(other.sketch)
        ema = other.ema ?? ema

        guard let p50 = sketch.quantile(0.5), let p95 = sketch.quantile(0.95),
            let p99 = sketch.quantile(0.99)
        else {
            percentiles = nil
            return
        }
        percentiles = Percentiles(p50: p50, p95: p95, p99: p99, isExact: false)
    }
}

/// Stored as `summary`, `p50`, `p95`, `p99`, `quantilesExact`, `ema` and `sketch`; absent
/// numbers are left out.
extension RunStats: Codable {
    private enum CodingKeys: String, CodingKey {
        case summary, p50, p95, p99, quantilesExact, ema, sketch
    }

    /// Decodes statistics written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        summary = try container.decode(SummaryStats.self, forKey: .summary)
        sketch = try container.decode(QuantileSketch.self, forKey: .sketch)
        ema = try container.decodeNumberIfPresent(forKey: .ema)
        percentiles = nil
        guard let p50 = try container.decodeNumberIfPresent(forKey: .p50) else { return }

        percentiles = Percentiles(
            p50: p50, p95: try container.decodeNumber(forKey: .p95),
            p99: try container.decodeNumber(forKey: .p99),
            isExact: try container.decode(Bool.self, forKey: .quantilesExact))
    }

    /// Encodes the statistics; undefined numbers are left out.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary, forKey: .summary)
        try container.encodeNumberIfPresent(percentiles?.p50, forKey: .p50)
        try container.encodeNumberIfPresent(percentiles?.p95, forKey: .p95)
        try container.encodeNumberIfPresent(percentiles?.p99, forKey: .p99)
        try container.encodeIfPresent(percentiles?.isExact, forKey: .quantilesExact)
        try container.encodeNumberIfPresent(ema, forKey: .ema)
        try container.encode(sketch, forKey: .sketch)
    }
}
