/// What a ``BucketHistory`` needs of its buckets: to take a value at a step, to take in the
/// next bucket when the width doubles, and the count and steps that place it.
protocol HistoryBucket {
    /// An empty bucket.
    init()
    /// The values taken.
    var count: Int { get }
    /// The step of the first value taken, NaN while empty.
    var firstStep: Double { get }
    /// The step of the last value taken, NaN while empty.
    var lastStep: Double { get }
    /// Takes a finite `value` logged at `step` and `time`, after the values taken so far.
    mutating func add(step: Double, time: Double, value: Double)
    /// Takes in everything `later`, the next bucket of the same series, holds.
    mutating func merge(_ later: Self)
}

/// A bucket that also keeps the sums a window mean and its noise need, and the time of its
/// first value: what ``BucketHistory/sums(after:through:)`` reads.
protocol SquaresBucket: HistoryBucket {
    /// The sum of the values taken.
    var sum: Double { get }
    /// The sum of their squares.
    var sumOfSquares: Double { get }
    /// The time of the first value taken, NaN while empty.
    var firstTime: Double { get }
}
