/// A whole series in step buckets that keep count, sums, extremes and their first and last
/// value: what the detectors that look at the values themselves keep.
typealias StepHistory = BucketHistory<StepBucket>

/// What one bucket of a ``StepHistory`` knows about its values: a ``MeanBucket``, the sum of
/// squares, the extremes, and the first and last value. 80 bytes.
struct StepBucket: SquaresBucket, MeanHolding, Equatable {
    var means = MeanBucket()
    var sumOfSquares = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var firstValue = Double.nan
    var lastValue = Double.nan

    @inline(__always)
    mutating func add(step: Double, time: Double, value: Double) {
        if count == 0 { firstValue = value }
        means.add(step: step, time: time, value: value)
        sumOfSquares += value * value
        minimum = min(minimum, value)
        // `max(maximum, value)` for the finite values that reach here, as one `maxsd`
        // (`max` keeps the NaN case apart and compiles to a four-instruction blend).
        maximum = maximum > value ? maximum : value
        lastValue = value
    }

    /// Into an empty bucket the sum of squares adds to zero and the extremes compare with
    /// infinities, which gives each of `later`'s exactly.
    @inline(__always)
    mutating func merge(_ later: StepBucket) {
        guard later.count > 0 else { return }
        if count == 0 { firstValue = later.firstValue }
        means.merge(later.means)
        sumOfSquares += later.sumOfSquares
        minimum = min(minimum, later.minimum)
        maximum = max(maximum, later.maximum)
        lastValue = later.lastValue
    }
}
