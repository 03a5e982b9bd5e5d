/// A whole series in step buckets that keep count, sum, where they begin and end, and when.
typealias TimedMeanHistory = BucketHistory<TimedMeanBucket>

/// A ``MeanBucket`` and the time of its last value: 48 bytes, for a detector whose incidents
/// end in the middle of a run and say when (a throughput drop, a data bottleneck), not only
/// where.
struct TimedMeanBucket: HistoryBucket, MeanHolding, Equatable {
    var means = MeanBucket()
    /// The time of the last value taken, NaN while empty or untimed.
    var lastTime = Double.nan

    @inline(__always)
    mutating func add(step: Double, time: Double, value: Double) {
        means.add(step: step, time: time, value: value)
        lastTime = time
    }

    @inline(__always)
    mutating func merge(_ later: TimedMeanBucket) {
        guard later.count > 0 else { return }
        means.merge(later.means)
        lastTime = later.lastTime
    }
}
