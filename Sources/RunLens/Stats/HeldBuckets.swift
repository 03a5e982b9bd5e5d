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

    /// Counts the values from `start` on while each is positive, found by
    /// ``BucketIndexer/tableIndex(ofBits:)`` and in a bucket held, as ``add(index:)`` would;
    /// returns the position of the first value left. Counts are not saturated: the caller
    /// makes sure that none can reach `Int.max` (the store's total has room for every value).
    @inline(__always)
    mutating func addPositives(
        _ values: UnsafeBufferPointer<Double>, from start: Int, indexer: BucketIndexer
    ) -> Int {
        var position = start
        while position < values.count {
            guard let bucket = indexer.tableIndex(ofBits: values[position].bitPattern) else {
                break
            }
            let slot = bucket &- offset
            guard UInt(bitPattern: slot) < UInt(bitPattern: counts.count) else { break }

            counts[slot] &+= 1
            position &+= 1
        }
        added &+= position &- start
        return position
    }
}
