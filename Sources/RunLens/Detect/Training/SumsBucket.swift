/// A whole series in step buckets that keep count, sums and where they begin and end.
typealias SumsHistory = BucketHistory<SumsBucket>

/// A bucket that keeps what a window mean and its noise need: a ``MeanBucket`` and the sum
/// of squares. 48 bytes rather than a ``StepBucket``'s 80, for a detector that compares
/// window means against their noise (a plateau); also what
/// ``BucketHistory/sums(after:through:)`` gives for a window.
struct SumsBucket: SquaresBucket, MeanHolding, Equatable {
    var means = MeanBucket()
    var sumOfSquares = 0.0

    @inline(__always)
    mutating func add(step: Double, time: Double, value: Double) {
        means.add(step: step, time: time, value: value)
        sumOfSquares += value * value
    }

    /// Into an empty bucket the sum of squares adds to zero, which gives it exactly: squares
    /// are never negative zero.
    @inline(__always)
    mutating func merge(_ later: SumsBucket) {
        means.merge(later.means)
        sumOfSquares += later.sumOfSquares
    }
}
