extension StepHistory {
    /// The count, sums and ends of the values over a window of steps: what a window mean and
    /// its noise need, without the extremes a ``Bucket`` also keeps.
    struct WindowSums {
        var count = 0
        var sum = 0.0
        var sumOfSquares = 0.0
        var firstStep = Double.nan
        var lastStep = Double.nan
        var firstTime = Double.nan

        /// The mean of the window's values.
        var mean: Double { sum / Double(count) }
    }

    /// The count, sums and ends of the buckets whose first step lies in `(after, through]`:
    /// the figures of ``summary(after:through:)``, summed in the same order.
    ///
    /// Only the buckets holding `lower` and `upper` can start outside the range (a bucket
    /// between them lies wholly inside), so only those two compare their first step; the
    /// ones between are only checked for values. O(buckets in the range).
    func sums(after lower: Double, through upper: Double) -> WindowSums {
        guard !buckets.isEmpty, lower.isFinite, upper.isFinite, lower < upper else {
            return WindowSums()
        }
        let lowerOffset = bucketIndex(lower) - baseIndex
        let upperOffset = bucketIndex(upper) - baseIndex
        let first = max(0, lowerOffset)
        let last = min(buckets.count - 1, upperOffset)
        guard first <= last else { return WindowSums() }

        return buckets.withUnsafeBufferPointer { buckets in
            var offset = first
            while offset <= last {
                let edge = offset == lowerOffset || offset == upperOffset
                let bucket = buckets[offset]
                if edge ? Self.counts(bucket, lower, upper) : bucket.count > 0 { break }
                offset += 1
            }
            guard offset <= last else { return WindowSums() }
            let inner = upperOffset == last ? last - 1 : last
            var sums = Self.sums(buckets, from: offset, through: inner)
            if inner < last, last > offset, Self.counts(buckets[last], lower, upper) {
                sums.count += buckets[last].count
                sums.sum += buckets[last].sum
                sums.sumOfSquares += buckets[last].sumOfSquares
                sums.lastStep = buckets[last].lastStep
            }
            return sums
        }
    }

    /// Whether `bucket` has values and its first step lies in `(lower, upper]`.
    @inline(__always)
    private static func counts(_ bucket: Bucket, _ lower: Double, _ upper: Double) -> Bool {
        bucket.count > 0 && bucket.firstStep > lower && bucket.firstStep <= upper
    }

    /// `buckets[first]` (which counts) and every later bucket with values up to `last`,
    /// summed one by one in step order with the running figures in locals.
    private static func sums(
        _ buckets: UnsafeBufferPointer<Bucket>, from first: Int, through last: Int
    ) -> WindowSums {
        var count = buckets[first].count
        var sum = buckets[first].sum
        var squares = buckets[first].sumOfSquares
        var latest = first
        var offset = first + 1
        while offset <= last {
            if buckets[offset].count > 0 {
                count += buckets[offset].count
                sum += buckets[offset].sum
                squares += buckets[offset].sumOfSquares
                latest = offset
            }
            offset += 1
        }

        return WindowSums(
            count: count, sum: sum, sumOfSquares: squares, firstStep: buckets[first].firstStep,
            lastStep: buckets[latest].lastStep, firstTime: buckets[first].firstTime)
    }
}
