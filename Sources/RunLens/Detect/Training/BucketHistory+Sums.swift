extension BucketHistory where Bucket: SquaresBucket {
    /// The count, sums and ends of the buckets whose first step lies in `(after, through]`:
    /// the figures of ``summary(after:through:)``, summed in the same order.
    ///
    /// Only the buckets holding `lower` and `upper` can start outside the range (a bucket
    /// between them lies wholly inside), so only those two compare their first step; the
    /// ones between are only checked for values. O(buckets in the range).
    func sums(after lower: Double, through upper: Double) -> SumsBucket {
        guard !buckets.isEmpty, lower.isFinite, upper.isFinite, lower < upper else {
            return SumsBucket()
        }
        let lowerOffset = bucketIndex(lower) - baseIndex
        let upperOffset = bucketIndex(upper) - baseIndex
        let first = max(0, lowerOffset)
        let last = min(buckets.count - 1, upperOffset)
        guard first <= last else { return SumsBucket() }

        return buckets.withUnsafeBufferPointer { buckets in
            var offset = first
            while offset <= last {
                let edge = offset == lowerOffset || offset == upperOffset
                let bucket = buckets[offset]
                if edge ? Self.counts(bucket, lower, upper) : bucket.count > 0 { break }
                offset += 1
            }
            guard offset <= last else { return SumsBucket() }
            let inner = upperOffset == last ? last - 1 : last
            var sums = Self.sums(buckets, from: offset, through: inner)
            if inner < last, last > offset, Self.counts(buckets[last], lower, upper) {
                sums.means.count += buckets[last].count
                sums.means.sum += buckets[last].sum
                sums.sumOfSquares += buckets[last].sumOfSquares
                sums.means.lastStep = buckets[last].lastStep
            }
            return sums
        }
    }

    /// `buckets[first]` (which counts) and every later bucket with values up to `last`,
    /// summed one by one in step order with the running figures in locals.
    private static func sums(
        _ buckets: UnsafeBufferPointer<Bucket>, from first: Int, through last: Int
    ) -> SumsBucket {
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

        let means = MeanBucket(
            count: count, sum: sum, firstStep: buckets[first].firstStep,
            lastStep: buckets[latest].lastStep, firstTime: buckets[first].firstTime)
        return SumsBucket(means: means, sumOfSquares: squares)
    }
}
