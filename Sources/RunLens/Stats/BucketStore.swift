/// Dense counts for a contiguous range of logarithmic bucket indexes, one sign's store of a
/// ``QuantileSketch``.
///
/// The range is kept canonical: `counts` covers exactly the lowest to the highest non-empty
/// index, so two stores holding the same buckets compare equal however they were built. The
/// span never exceeds `maxBuckets`: an index more than `maxBuckets - 1` below the highest
/// one is counted in the lowest kept bucket instead ("collapsing the lowest buckets"). The
/// final content therefore depends only on the multiset of indexes added, not on their
/// order, which is what makes merging exact.
struct BucketStore: Sendable, Equatable {
    /// The largest number of buckets the store keeps: the same for every store, so it is not
    /// stored (a window's sketch holds two stores, and a run holds thousands of windows).
    static let maxBuckets = QuantileSketch.maxBucketsPerStore

    /// The largest number of buckets the store keeps.
    var maxBuckets: Int { Self.maxBuckets }

    /// The room a store takes for its first bucket: a window's values usually span about a
    /// dozen buckets, which growing one at a time from 1 took four allocations and copies.
    static var firstCapacity: Int { 16 }

    /// The bucket index of `counts[0]`.
    private(set) var offset = 0

    /// Counts per bucket; first and last are non-zero unless the store is empty.
    private(set) var counts: [Int] = []

    /// The sum of `counts`.
    private(set) var total = 0

    /// Creates an empty store.
    init() {}

    /// Creates the store of `indexes`, every one within `lowest...highest` (both of them
    /// among `indexes`), as adding them one by one to an empty store would: the content
    /// depends only on the multiset of indexes.
    init(counting indexes: UnsafeBufferPointer<Int>, lowest: Int, highest: Int) {
        guard !indexes.isEmpty else { return }

        let low = Swift.max(lowest, highest - Self.maxBuckets + 1)
        let span = highest - low + 1
        counts = Array(unsafeUninitializedCapacity: Swift.max(span, Self.firstCapacity)) {
            counts, initialized in
            counts.initialize(repeating: 0)
            for index in indexes { counts[Swift.max(index, low) &- low] &+= 1 }
            initialized = span
        }
        offset = low
        total = indexes.count
    }

    var isEmpty: Bool { counts.isEmpty }

    /// The highest non-empty index; meaningless when empty.
    var maxIndex: Int { offset + counts.count - 1 }

    /// Adds `count` (> 0) observations to bucket `index`, growing or collapsing the range.
    ///
    /// Counts saturate at `Int.max` rather than overflow (only merged decoded input gets near).
    @inline(__always)
    mutating func add(index: Int, count: Int = 1) {
        let slot = index - offset
        if count > 0, slot >= 0, slot < counts.count {
            counts[slot] = Self.saturatingSum(counts[slot], count)
            total = Self.saturatingSum(total, count)
            return
        }
        addOutside(index: index, count: count)
    }

    /// Calls `body` with the buckets held now, to count many observations through one pointer
    /// instead of one uniqueness check of `counts` each; what it counts there is added to
    /// `total` when it returns. Indexes outside the range held are left to
    /// ``add(index:count:)``.
    @inline(__always)
    mutating func withHeldBuckets<Result>(_ body: (inout HeldBuckets) -> Result) -> Result {
        let offset = offset
        var added = 0
        defer { total = Self.saturatingSum(total, added) }
        return counts.withUnsafeMutableBufferPointer { counts in
            var held = HeldBuckets(counts: counts, offset: offset)
            defer { added = held.added }
            return body(&held)
        }
    }

    /// ``add(index:count:)`` for an index outside the range held, or an empty store.
    private mutating func addOutside(index: Int, count: Int) {
        guard count > 0 else { return }

        if counts.isEmpty {
            offset = index
            counts.reserveCapacity(Self.firstCapacity)
            counts.append(count)
            total = count
            return
        }

        if index > maxIndex {
            growUp(to: index)
        }
        let target = Swift.max(index, maxIndex - maxBuckets + 1)
        if target < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - target), at: 0)
            offset = target
        }
        counts[target - offset] = Self.saturatingSum(counts[target - offset], count)
        total = Self.saturatingSum(total, count)
    }

    /// Appends empty buckets up to `index`, first collapsing what would fall out of range.
    private mutating func growUp(to index: Int) {
        let newLow = index - maxBuckets + 1
        if newLow > offset {
            let dropped = newLow - offset
            if dropped >= counts.count {
                counts.removeAll(keepingCapacity: true)
                counts.append(total)
            } else {
                let collapsed = counts[0..<dropped].reduce(0, Self.saturatingSum)
                counts.removeFirst(dropped)
                counts[0] = Self.saturatingSum(counts[0], collapsed)
            }
            offset = newLow
        }
        counts.append(contentsOf: repeatElement(0, count: index - maxIndex))
    }

    /// Merges another store bucket by bucket; the result equals the store of the union.
    mutating func merge(_ other: BucketStore) {
        guard !other.isEmpty else { return }
        guard !isEmpty else {
            offset = other.offset
            counts = other.counts
            total = other.total
            return
        }

        let high = Swift.max(maxIndex, other.maxIndex)
        let low = Swift.max(Swift.min(offset, other.offset), high - maxBuckets + 1)
        cover(low: low, high: high)
        for (slot, count) in other.counts.enumerated() where count > 0 {
            let target = Swift.max(other.offset + slot, low) - low
            counts[target] = Self.saturatingSum(counts[target], count)
        }
        total = Self.saturatingSum(total, other.total)
    }

    /// Makes `counts` cover exactly `low...high` in place (no new array while capacity
    /// lasts): buckets below `low` fold into it, empty ones fill the rest. Sums of counts
    /// saturate, so the order they are added in does not matter.
    private mutating func cover(low: Int, high: Int) {
        if low > offset {
            let folded = Swift.min(low - offset + 1, counts.count)
            counts[folded - 1] = counts[0..<folded].reduce(0, Self.saturatingSum)
            counts.removeFirst(folded - 1)
        } else if low < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - low), at: 0)
        }
        offset = low
        if high > maxIndex { counts.append(contentsOf: repeatElement(0, count: high - maxIndex)) }
    }

    /// Gives back the room `counts` has beyond its buckets (growing doubles it, and a first
    /// bucket takes ``firstCapacity``): for a store that takes few values or none from now on.
    mutating func fitCapacity() {
        guard counts.capacity > counts.count else { return }
        counts = counts.withUnsafeBufferPointer { Array($0) }
    }

    /// The bucket holding the observation of 0-based `rank` counted from the lowest index.
    func indexAscending(rank: Int) -> Int {
        var seen = 0
        for (slot, count) in counts.enumerated() {
            seen = Self.saturatingSum(seen, count)
            if seen > rank { return offset + slot }
        }
        return maxIndex
    }

    /// The bucket holding the observation of 0-based `rank` counted from the highest index.
    func indexDescending(rank: Int) -> Int {
        var seen = 0
        for slot in counts.indices.reversed() {
            seen = Self.saturatingSum(seen, counts[slot])
            if seen > rank { return offset + slot }
        }
        return offset
    }

    /// Rebuilds a store from decoded parts, or `nil` when they break an invariant.
    static func validated(
        offset: Int, counts: [Int], indexLimit: Int, countLimit: Int
    ) -> BucketStore? {
        var store = BucketStore()
        guard !counts.isEmpty else { return store }
        guard counts.count <= maxBuckets, abs(offset) <= indexLimit else { return nil }
        guard counts.allSatisfy({ $0 >= 0 }), counts[0] > 0, counts[counts.count - 1] > 0 else {
            return nil
        }

        var total = 0
        for count in counts {
            total += count
            if total > countLimit { return nil }
        }

        store.offset = offset
        store.counts = counts
        store.total = total
        return store
    }

    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
