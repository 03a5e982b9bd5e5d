/// The buckets a ``BucketStore`` holds, counted into in place; see
/// ``BucketStore/withHeldBuckets(_:)``. Valid only inside that call.
struct HeldBuckets {
    private let counts: UnsafeMutableBufferPointer<Int>
    private let offset: Int

    /// How many observations were counted.
    private(set) var added = 0

    init(counts: UnsafeMutableBufferPointer<Int>, offset: Int) {
        self.counts = counts
        self.offset = offset
    }

    /// Counts one observation in bucket `index` and returns `true`, or returns `false`,
    /// counting nothing, when the store does not hold that bucket. Counts saturate at
    /// `Int.max` as in ``BucketStore/add(index:count:)``.
    @inline(__always)
    mutating func add(index: Int) -> Bool {
        let slot = index &- offset
        guard slot >= 0, slot < counts.count else { return false }

        let (sum, overflow) = counts[slot].addingReportingOverflow(1)
        counts[slot] = overflow ? Int.max : sum
        added &+= 1
        return true
    }
}
