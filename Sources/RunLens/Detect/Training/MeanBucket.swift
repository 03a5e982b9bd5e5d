/// A whole series in step buckets that keep only count, sum and where they begin and end.
typealias MeanHistory = BucketHistory<MeanBucket>

/// A bucket that keeps only what a window mean and its position need: count, sum, and the
/// first and last step and first time. 40 bytes, half a ``StepBucket``, for a detector that
/// compares bucket means and says where a stretch of them began and ended (a throughput
/// drop, a data bottleneck, the training loss an evaluation is held against).
///
/// Its fields are those of a ``StepBucket`` fed the same values, computed the same way: the
/// larger buckets keep one of these and add their own figures beside it (``MeanHolding``).
struct MeanBucket: HistoryBucket, Equatable {
    var count = 0
    var sum = 0.0
    var firstStep = Double.nan
    var lastStep = Double.nan
    var firstTime = Double.nan

    /// The mean of the bucket's values.
    var mean: Double { sum / Double(count) }

    @inline(__always)
    mutating func add(step: Double, time: Double, value: Double) {
        if count == 0 {
            firstStep = step
            firstTime = time
        }
        count += 1
        sum += value
        lastStep = step
    }

    @inline(__always)
    mutating func merge(_ later: MeanBucket) {
        guard later.count > 0 else { return }
        guard count > 0 else {
            self = later
            return
        }
        count += later.count
        sum += later.sum
        lastStep = later.lastStep
    }
}

/// A bucket that keeps a ``MeanBucket`` and more beside it, and reads count, sum and ends
/// from it.
protocol MeanHolding {
    /// Count, sum and ends of the bucket's values.
    var means: MeanBucket { get }
}

extension MeanHolding {
    /// The values taken.
    var count: Int { means.count }
    /// Their sum.
    var sum: Double { means.sum }
    /// The step of the first value taken, NaN while empty.
    var firstStep: Double { means.firstStep }
    /// The step of the last value taken, NaN while empty.
    var lastStep: Double { means.lastStep }
    /// The time of the first value taken, NaN while empty.
    var firstTime: Double { means.firstTime }
    /// The mean of the values.
    var mean: Double { means.mean }
}
