/// What a ``StepHistory`` tells of the values themselves: the value before a step, whether
/// values fell.
extension StepHistory {
    /// The last value logged before `step`, if any.
    func lastValue(before step: Double) -> Double? {
        var offset = min(buckets.count - 1, bucketIndex(step) - baseIndex)
        while offset >= 0 {
            let bucket = buckets[offset]
            if bucket.count > 0 && bucket.lastStep < step { return bucket.lastValue }
            offset -= 1
        }
        return nil
    }

    /// The last value of the latest bucket starting at or before `step`: the value at
    /// `step` at the bucket's resolution.
    func lastValue(atOrBefore step: Double) -> Double? {
        var offset = min(buckets.count - 1, bucketIndex(step) - baseIndex)
        while offset >= 0 {
            let bucket = buckets[offset]
            if bucket.count > 0 && bucket.firstStep <= step { return bucket.lastValue }
            offset -= 1
        }
        return nil
    }

    /// True when the values over `lower...upper` went below the value before `lower`
    /// (or, with no value before, below the first value of that stretch).
    func fell(from lower: Double, through upper: Double) -> Bool {
        let overlapping = buckets.filter { bucket in
            bucket.count > 0 && bucket.lastStep >= lower && bucket.firstStep <= upper
        }
        guard let first = overlapping.first else { return false }
        let reference = lastValue(before: lower) ?? first.firstValue
        return (overlapping.map(\.minimum).min() ?? reference) < reference
    }
}
