/// Extremes, sum and positions of a run of consecutive points of one memory series.
struct MemoryBucket {
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var sum = 0.0
    var count = 0
    var firstStep = Double.nan
    var lastStep = Double.nan
    var firstTime = Double.nan
    var lastTime = Double.nan
    var firstFile: Int32 = -1
    var firstLine: Int32 = 0

    /// Adds one value read at `point`.
    @inline(__always)
    mutating func add(_ value: Double, at point: Point) {
        if count == 0 {
            firstStep = point.step
            firstTime = point.time
            firstFile = point.file
            firstLine = point.line
        }
        lastStep = point.step
        lastTime = point.time
        minimum = min(minimum, value)
        maximum = max(maximum, value)
        sum += value
        count += 1
    }

    /// Appends the later bucket `other`.
    mutating func append(_ other: MemoryBucket) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        lastStep = other.lastStep
        lastTime = other.lastTime
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
        sum += other.sum
        count += other.count
    }
}

/// A memory series summarised in at most `cap` buckets of equally many points: when full,
/// neighbours merge and each bucket takes twice as many points.
struct MemoryBuckets {
    /// The most buckets kept while few series share the budget.
    static let fullCap = 256

    /// The buckets a detector's memory series share: 256 each for up to 128 series of up to
    /// 32 ranks, half as many each time their number or that of their ranks doubles past
    /// that, and never fewer than 32.
    static let budget = SharedBudget(full: fullCap, fullShares: 128, least: 32)

    /// The most buckets kept now.
    private(set) var cap = fullCap

    private(set) var buckets: [MemoryBucket] = []
    private(set) var pointsPerBucket = 1

    /// Adds a value read at `point`.
    ///
    /// Inlined for a value the newest bucket has room for; a new bucket, and the merging of
    /// neighbours before it, are out of line.
    @inline(__always)
    mutating func add(_ value: Double, at point: Point) {
        let newest = buckets.count - 1
        guard newest >= 0, buckets[newest].count < pointsPerBucket else {
            return addToNewBucket(value, at: point)
        }
        buckets.withUnsafeMutableBufferPointer { $0[newest].add(value, at: point) }
    }

    /// Adds a value that opens a new bucket, merging neighbours first when full.
    @inline(never)
    private mutating func addToNewBucket(_ value: Double, at point: Point) {
        if buckets.count >= cap { compact() }
        var bucket = MemoryBucket()
        bucket.add(value, at: point)
        buckets.append(bucket)
    }

    /// Keeps at most `capacity` buckets (at least 2) from now on when that is fewer,
    /// merging neighbours until the buckets held fit.
    mutating func limit(to capacity: Int) {
        let lowered = max(2, capacity)
        guard lowered < cap else { return }

        cap = lowered
        while buckets.count > cap { compact() }
    }

    private mutating func compact() {
        var merged: [MemoryBucket] = []
        merged.reserveCapacity(cap / 2 + 1)
        var index = 0
        while index < buckets.count {
            var bucket = buckets[index]
            if index + 1 < buckets.count { bucket.append(buckets[index + 1]) }
            merged.append(bucket)
            index += 2
        }
        buckets = merged
        pointsPerBucket *= 2
    }
}
