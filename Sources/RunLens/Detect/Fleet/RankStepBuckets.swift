/// Sum, count and largest of one series' values over a run of steps.
struct StepStats {
    var sum = 0.0
    var count = 0
    var maximum = -Double.infinity

    /// Adds one value.
    @inline(__always)
    mutating func add(_ value: Double) {
        sum += value
        count += 1
        // `max(maximum, value)` for the finite values that reach here, as one `maxsd`.
        maximum = maximum > value ? maximum : value
    }

    /// Adds everything `other` holds.
    mutating func merge(_ other: StepStats) {
        sum += other.sum
        count += other.count
        maximum = max(maximum, other.maximum)
    }
}

/// Where one series' values over a run of steps start and end: the first step, its time,
/// line and file, and the last step and its time.
struct StepPositions {
    var firstStep = Double.infinity
    var lastStep = -Double.infinity
    var firstTime = Double.nan
    var lastTime = Double.nan
    var firstFile: Int32 = -1
    var firstLine: Int32 = 0

    /// Takes in a value read at `point`.
    @inline(__always)
    mutating func add(at point: Point) {
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
    }

    /// Takes in the positions of a bucket that holds values.
    mutating func merge(_ other: StepPositions) {
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
    }
}

/// Sum, count and extremes of one series' values over a run of steps, and where they start
/// and end.
struct RankStepBucket {
    var stats = StepStats()
    var positions = StepPositions()

    var sum: Double { stats.sum }
    var count: Int { stats.count }
    var maximum: Double { stats.maximum }
    var firstStep: Double { positions.firstStep }
    var lastStep: Double { positions.lastStep }
    var firstTime: Double { positions.firstTime }
    var lastTime: Double { positions.lastTime }
    var firstFile: Int32 { positions.firstFile }
    var firstLine: Int32 { positions.firstLine }

    /// The mean, or `nil` when empty.
    var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// Adds one value read at `point`.
    mutating func add(_ value: Double, at point: Point) {
        positions.add(at: point)
        stats.add(value)
    }

    /// Adds everything `other` holds.
    mutating func merge(_ other: RankStepBucket) {
        guard other.count > 0 else { return }
        positions.merge(other.positions)
        stats.merge(other.stats)
    }
}

/// One series' values on a grid of step buckets shared by every series of a detector:
/// bucket `i` holds the steps in `[origin + i·width, origin + (i+1)·width)`.
///
/// The grid's width doubles (and neighbouring buckets merge) when a series would hold
/// more than its cap, so memory stays bounded whatever the run length. The sums and the
/// positions are kept in two arrays, so that a series whose values come at the very points
/// of another's (a rank's data and step time, read from the same records) can go without
/// positions of its own and take that series' (``sharePositions()``): both then hold the
/// same buckets, which start and end at the same points.
struct RankStepBuckets {
    /// The grid index of the first bucket.
    private(set) var firstIndex = 0
    /// Sums in grid order; empty buckets have `count == 0`.
    private(set) var stats: [StepStats] = []
    /// Positions in grid order, one per bucket; none while shared.
    private(set) var positions: [StepPositions] = []
    /// Whether the positions are another series' (``sharePositions()``).
    private(set) var sharesPositions = false

    /// The grid index one past the last bucket.
    var endIndex: Int { firstIndex + stats.count }

    /// The buckets, with default positions while shared.
    var buckets: [RankStepBucket] {
        stats.indices.map { bucket(offset: $0) }
    }

    /// The bucket at grid `index`, or `nil` outside the series or when empty.
    func bucket(at index: Int) -> RankStepBucket? {
        let offset = index - firstIndex
        guard offset >= 0, offset < stats.count, stats[offset].count > 0 else { return nil }
        return bucket(offset: offset)
    }

    private func bucket(offset: Int) -> RankStepBucket {
        RankStepBucket(
            stats: stats[offset], positions: sharesPositions ? StepPositions() : positions[offset])
    }

    /// The buckets of grid indices `range` merged into one, with the positions of `owner`'s
    /// buckets (this series' own unless they are shared).
    func merged(_ range: Range<Int>, positionsOf owner: RankStepBuckets? = nil) -> RankStepBucket {
        var total = RankStepBucket()
        let lower = max(range.lowerBound, firstIndex)
        let upper = min(range.upperBound, endIndex)
        guard lower < upper else { return total }
        let positions = owner?.positions ?? positions
        let ownerFirst = owner?.firstIndex ?? firstIndex
        for index in lower..<upper where stats[index - firstIndex].count > 0 {
            total.stats.merge(stats[index - firstIndex])
            // The owner holds the same buckets; without one, a shared series has no positions.
            let place = index - ownerFirst
            if place >= 0, place < positions.count { total.positions.merge(positions[place]) }
        }
        return total
    }

    /// Drops the positions, to take another series' from now on: for a series holding no
    /// values yet, beside one holding none either.
    mutating func sharePositions() {
        positions = []
        sharesPositions = true
    }

    /// Takes positions of its own again, a copy of `owner`'s, whose buckets this series'
    /// match.
    mutating func ownPositions(copying owner: RankStepBuckets) {
        positions = owner.positions
        sharesPositions = false
    }

    /// How many buckets the series would span if it also held grid `index`.
    func span(including index: Int) -> Int {
        guard !stats.isEmpty else { return 1 }
        return max(endIndex, index + 1) - min(firstIndex, index)
    }

    /// Adds `value` read at `point` to the bucket at grid `index`.
    ///
    /// Inlined for an index inside the buckets held; a new bucket is out of line.
    @inline(__always)
    mutating func add(_ value: Double, at point: Point, index: Int) {
        let offset = index - firstIndex
        guard !stats.isEmpty, offset >= 0, offset < stats.count else {
            return addOutside(value, at: point, index: index)
        }
        stats.withUnsafeMutableBufferPointer { $0[offset].add(value) }
        guard !sharesPositions else { return }
        positions.withUnsafeMutableBufferPointer { $0[offset].add(at: point) }
    }

    /// Calls `body` with the sums and positions held (no positions while shared) and the
    /// grid index of the first, to add to them through pointers rather than checking the
    /// arrays for sharing at every value.
    @inline(__always)
    mutating func withHeldBuckets<Result>(
        _ body: (
            UnsafeMutableBufferPointer<StepStats>, UnsafeMutableBufferPointer<StepPositions>, Int
        ) -> Result
    ) -> Result {
        let first = firstIndex
        // The empty array of a shared series is the one all empty arrays share: asking it for
        // a mutable buffer would make a new (empty) one at every call.
        guard !sharesPositions else {
            return stats.withUnsafeMutableBufferPointer {
                body($0, UnsafeMutableBufferPointer(start: nil, count: 0), first)
            }
        }
        return stats.withUnsafeMutableBufferPointer { stats in
            positions.withUnsafeMutableBufferPointer { body(stats, $0, first) }
        }
    }

    /// Adds a value whose grid index lies outside the buckets held.
    @inline(never)
    private mutating func addOutside(_ value: Double, at point: Point, index: Int) {
        // The usual case, the bucket after the last: appended with its value already in.
        if !stats.isEmpty, index == endIndex {
            var bucket = StepStats()
            bucket.add(value)
            stats.append(bucket)
            guard !sharesPositions else { return }
            var place = StepPositions()
            place.add(at: point)
            positions.append(place)
            return
        }

        if stats.isEmpty { firstIndex = index }
        if index < firstIndex {
            let missing = firstIndex - index
            stats.insert(contentsOf: repeatElement(StepStats(), count: missing), at: 0)
            if !sharesPositions {
                positions.insert(
                    contentsOf: repeatElement(StepPositions(), count: missing), at: 0)
            }
            firstIndex = index
        }
        while index >= endIndex {
            stats.append(StepStats())
            if !sharesPositions { positions.append(StepPositions()) }
        }
        stats[index - firstIndex].add(value)
        if !sharesPositions { positions[index - firstIndex].add(at: point) }
    }

    /// Merges neighbours so that grid index `i` becomes `floor(i / 2)`: the grid's width
    /// has doubled.
    mutating func halve() {
        guard !stats.isEmpty else { return }
        let newFirst = Self.floorHalf(firstIndex)
        let newEnd = Self.floorHalf(endIndex - 1) + 1
        var mergedStats = Array(repeating: StepStats(), count: newEnd - newFirst)
        var mergedPositions =
            sharesPositions ? [] : Array(repeating: StepPositions(), count: newEnd - newFirst)
        for offset in stats.indices where stats[offset].count > 0 {
            let target = Self.floorHalf(firstIndex + offset) - newFirst
            mergedStats[target].merge(stats[offset])
            if !sharesPositions { mergedPositions[target].merge(positions[offset]) }
        }
        stats = mergedStats
        positions = mergedPositions
        firstIndex = newFirst
    }

    /// `floor(index / 2)` for negative indices too.
    static func floorHalf(_ index: Int) -> Int {
        index >= 0 ? index / 2 : -((-index + 1) / 2)
    }
}
