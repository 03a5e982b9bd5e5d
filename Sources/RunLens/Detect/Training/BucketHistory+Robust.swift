/// A window's figures with its outlying buckets left out: what the plateau rule compares.
struct RobustWindow {
    /// Count, sums and ends of the buckets kept.
    var kept = SumsBucket()
    /// The points of the buckets left out.
    var leftOut = 0
}

extension BucketHistory where Bucket == SumsBucket {
    /// Interquartile ranges a bucket's mean may lie beyond the window's quartiles of bucket
    /// means and still count: Tukey's fence for values "far out".
    static var outlierRanges: Double { 3 }

    /// And the share of the window's midhinge it may lie beyond them: a bucket that close
    /// always counts, so a window of mostly identical values (no spread between its
    /// quartiles) does not cast out every other one.
    static var outlierShare: Double { 0.1 }

    /// The buckets whose first step lies in `(after, through]`, merged in step order, with
    /// those whose mean lies far outside the quartiles of the window's bucket means left out
    /// (see ``outlierRanges`` and ``outlierShare``): a spike of a few points inside a window
    /// would otherwise lift its mean and its noise estimate.
    ///
    /// A window whose bucket means are all positive and lie within ``outlierShare`` of the
    /// least of them keeps every bucket, whatever its quartiles (the reach is at least that
    /// share of the midhinge, itself at least the least mean), and is summed in one pass.
    ///
    /// `scratch` holds the bucket means; O(buckets in the range) expected.
    func robustSums(
        after lower: Double, through upper: Double, scratch: inout [Double]
    ) -> RobustWindow {
        let offsets = counted(after: lower, through: upper)
        if let whole = evenSums(offsets, lower, upper) { return RobustWindow(kept: whole) }

        scratch.removeAll(keepingCapacity: true)
        for offset in offsets where Self.counts(buckets[offset], lower, upper) {
            scratch.append(buckets[offset].means.mean)
        }
        guard !scratch.isEmpty else { return RobustWindow() }

        TrailingWindow.select(scratch.count / 4, in: &scratch)
        let low = scratch[scratch.count / 4]
        TrailingWindow.select(3 * scratch.count / 4, in: &scratch)
        let high = scratch[3 * scratch.count / 4]
        let reach = max(
            Self.outlierRanges * (high - low), Self.outlierShare * abs(low + high) / 2)
        var window = RobustWindow()
        for offset in offsets where Self.counts(buckets[offset], lower, upper) {
            let bucket = buckets[offset]
            let mean = bucket.means.mean
            if mean < low - reach || mean > high + reach {
                window.leftOut += bucket.count
            } else {
                window.kept.merge(bucket)
            }
        }
        return window
    }

    /// The buckets at `offsets` that count for `(lower, upper]`, merged in step order, when
    /// their means are all positive and within ``outlierShare`` of the least of them; `nil`
    /// otherwise, and when none counts.
    ///
    /// The first counting bucket starts the sum and the others are added to it, as
    /// ``SumsBucket/merge(_:)`` would add them to a sum that holds values already: the loop
    /// then carries no test for an empty sum, and its figures stay in registers.
    private func evenSums(_ offsets: Range<Int>, _ lower: Double, _ upper: Double) -> SumsBucket? {
        var next = offsets.lowerBound
        while next < offsets.upperBound, !Self.counts(buckets[next], lower, upper) { next += 1 }
        guard next < offsets.upperBound else { return nil }

        var whole = buckets[next]
        var least = whole.mean
        var most = least
        for offset in (next + 1)..<offsets.upperBound
        where Self.counts(buckets[offset], lower, upper) {
            let bucket = buckets[offset]
            let mean = bucket.means.mean
            least = min(least, mean)
            // Not `max`, whose tie rule compiles to a blend of four instructions: the two
            // differ only in which of two equal means is kept, and equal means are one value
            // but for the sign of a zero, which matters only where `least > 0` fails anyway.
            most = mean > most ? mean : most
            whole.means.count += bucket.count
            whole.means.sum += bucket.sum
            whole.means.lastStep = bucket.lastStep
            whole.sumOfSquares += bucket.sumOfSquares
        }
        return least > 0 && most - least <= Self.outlierShare * least ? whole : nil
    }

    /// The offsets of the buckets that may hold steps in `(lower, upper]`.
    private func counted(after lower: Double, through upper: Double) -> Range<Int> {
        guard !buckets.isEmpty, lower.isFinite, upper.isFinite, lower < upper else {
            return 0..<0
        }
        let first = max(0, bucketIndex(lower) - baseIndex)
        let last = min(buckets.count - 1, bucketIndex(upper) - baseIndex)
        return first <= last ? first..<(last + 1) : 0..<0
    }
}
