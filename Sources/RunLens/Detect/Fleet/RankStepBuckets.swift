/// Sum, count and extremes of one series' values over a run of steps.
struct RankStepBucket {
    var sum = 0.0
    var count = 0
    var maximum = -Double.infinity
    var firstStep = Double.infinity
    var lastStep = -Double.infinity
    var firstTime = Double.nan
    var lastTime = Double.nan
    var firstFile: Int32 = -1
    var firstLine: Int32 = 0

    /// The mean, or `nil` when empty.
    var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// Adds one value read at `point`.
    mutating func add(_ value: Double, at point: Point) {
        if point.step < firstStep {
            firstStep = point.step
            firstTime = point.time
            firstFile = point.file
            firstLine = point.line
        }
        if point.step >= lastStep {
            lastStep = point.step
            lastTime = point.time
        }
        sum += value
        count += 1
        // `max(maximum, value)` for the finite values that reach here, as one `maxsd`.
        maximum = maximum > value ? maximum : value
    }

    /// Adds everything `other` holds.
    mutating func merge(_ other: RankStepBucket) {
        guard other.count > 0 else { return }
        if other.firstStep < firstStep {
            firstStep = other.firstStep
            firstTime = other.firstTime
            firstFile = other.firstFile
            firstLine = other.firstLine
        }
        if other.lastStep >= lastStep {
            lastStep = other.lastStep
            lastTime = other.lastTime
        }
        sum += other.sum
        count += other.count
        maximum = max(maximum, other.maximum)
    }
}

/// One series' values on a grid of step buckets shared by every series of a detector:
/// bucket `i` holds the steps in `[origin + i·width, origin + (i+1)·width)`.
///
/// The grid's width doubles (and neighbouring buckets merge) when a series would hold
/// more than its cap, so memory stays bounded whatever the run length.
struct RankStepBuckets {
    /// The grid index of `buckets[0]`.
    private(set) var firstIndex = 0
    /// Buckets in grid order; empty ones have `count == 0`.
    private(set) var buckets: [RankStepBucket] = []

    /// The grid index one past the last bucket.
    var endIndex: Int { firstIndex + buckets.count }

    /// The bucket at grid `index`, or `nil` outside the series or when empty.
    func bucket(at index: Int) -> RankStepBucket? {
        let offset = index - firstIndex
        guard offset >= 0, offset < buckets.count, buckets[offset].count > 0 else { return nil }
        return buckets[offset]
    }

    /// The buckets of grid indices `range` merged into one.
    func merged(_ range: Range<Int>) -> RankStepBucket {
        var total = RankStepBucket()
        let lower = max(range.lowerBound, firstIndex)
        let upper = min(range.upperBound, endIndex)
        guard lower < upper else { return total }
        for index in lower..<upper { total.merge(buckets[index - firstIndex]) }
        return total
    }

    /// How many buckets the series would span if it also held grid `index`.
    func span(including index: Int) -> Int {
        guard !buckets.isEmpty else { return 1 }
        return max(endIndex, index + 1) - min(firstIndex, index)
    }

    /// Adds `value` read at `point` to the bucket at grid `index`.
    ///
    /// Inlined for an index inside the buckets held; a new bucket is out of line.
    @inline(__always)
    mutating func add(_ value: Double, at point: Point, index: Int) {
        let offset = index - firstIndex
        guard !buckets.isEmpty, offset >= 0, offset < buckets.count else {
            return addOutside(value, at: point, index: index)
        }
        buckets.withUnsafeMutableBufferPointer { $0[offset].add(value, at: point) }
    }

    /// Calls `body` with the buckets held and the grid index of the first, to add to them
    /// through one pointer rather than checking the array for sharing at every value.
    @inline(__always)
    mutating func withHeldBuckets<Result>(
        _ body: (UnsafeMutableBufferPointer<RankStepBucket>, Int) -> Result
    ) -> Result {
        let first = firstIndex
        return buckets.withUnsafeMutableBufferPointer { body($0, first) }
    }

    /// Adds a value whose grid index lies outside the buckets held.
    @inline(never)
    private mutating func addOutside(_ value: Double, at point: Point, index: Int) {
        // The usual case, the next bucket, is appended already holding the value.
        if index == endIndex, !buckets.isEmpty {
            var next = RankStepBucket()
            next.add(value, at: point)
            buckets.append(next)
            return
        }
        if buckets.isEmpty { firstIndex = index }
        if index < firstIndex {
            let missing = firstIndex - index
            buckets.insert(contentsOf: repeatElement(RankStepBucket(), count: missing), at: 0)
            firstIndex = index
        }
        while index >= endIndex { buckets.append(RankStepBucket()) }
        buckets[index - firstIndex].add(value, at: point)
    }

    /// Merges neighbours so that grid index `i` becomes `floor(i / 2)`: the grid's width
    /// has doubled.
    mutating func halve() {
        guard !buckets.isEmpty else { return }
        let newFirst = Self.floorHalf(firstIndex)
        let newEnd = Self.floorHalf(endIndex - 1) + 1
        var merged = Array(repeating: RankStepBucket(), count: newEnd - newFirst)
        for (offset, bucket) in buckets.enumerated() {
            merged[Self.floorHalf(firstIndex + offset) - newFirst].merge(bucket)
        }
        buckets = merged
        firstIndex = newFirst
    }

    /// `floor(index / 2)` for negative indices too.
    static func floorHalf(_ index: Int) -> Int {
        index >= 0 ? index / 2 : -((-index + 1) / 2)
    }
}
