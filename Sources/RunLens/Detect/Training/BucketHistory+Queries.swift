/// What a ``BucketHistory`` tells of its buckets whatever they keep: their figures merged
/// over a stretch of steps.
extension BucketHistory {
    /// The buckets whose first step lies in `(after, through]`, merged in step order.
    func summary(after lower: Double, through upper: Double) -> Bucket {
        guard !buckets.isEmpty, lower.isFinite, upper.isFinite, lower < upper else {
            return Bucket()
        }
        let first = max(0, bucketIndex(lower) - baseIndex)
        let last = min(buckets.count - 1, bucketIndex(upper) - baseIndex)
        guard first <= last else { return Bucket() }
        // Read in place: iterating the slice copied every bucket first.
        return buckets.withUnsafeBufferPointer { buckets in
            var total = Bucket()
            for offset in first...last where Self.counts(buckets[offset], lower, upper) {
                total.merge(buckets[offset])
            }
            return total
        }
    }

    /// Whether `bucket` has values and its first step lies in `(lower, upper]`.
    @inline(__always)
    static func counts(_ bucket: Bucket, _ lower: Double, _ upper: Double) -> Bool {
        bucket.count > 0 && bucket.firstStep > lower && bucket.firstStep <= upper
    }

    /// The last `points` or more values at or before `step`, merged, walking back whole
    /// buckets; `nil` when nothing lies at or before `step`.
    func trailing(points: Int, atOrBefore step: Double) -> Bucket? {
        var total = Bucket()
        var offset = min(buckets.count - 1, bucketIndex(step) - baseIndex)
        while offset >= 0, total.count < points {
            let bucket = buckets[offset]
            if bucket.count > 0 && bucket.firstStep <= step {
                total = merged(bucket, before: total)
            }
            offset -= 1
        }
        return total.count > 0 ? total : nil
    }

    /// As ``trailing(points:atOrBefore:)``, but past the last bucket at or before `step` only
    /// the buckets whose first step lies after `lower`: the train loss of one moment, not of
    /// the evaluations before it. A whole bucket is taken, so a coarse one may reach back
    /// past `lower`.
    func trailing(points: Int, atOrBefore step: Double, after lower: Double) -> Bucket? {
        var total = Bucket()
        var offset = min(buckets.count - 1, bucketIndex(step) - baseIndex)
        while offset >= 0, total.count < points {
            let bucket = buckets[offset]
            if bucket.count > 0 && bucket.firstStep <= step {
                guard total.count == 0 || bucket.firstStep > lower else { break }
                total = merged(bucket, before: total)
            }
            offset -= 1
        }
        return total.count > 0 ? total : nil
    }

    /// The step of the first value held, if any.
    var firstStep: Double? {
        buckets.first { $0.count > 0 }?.firstStep
    }

    private func merged(_ earlier: Bucket, before later: Bucket) -> Bucket {
        var total = earlier
        total.merge(later)
        return total
    }
}
