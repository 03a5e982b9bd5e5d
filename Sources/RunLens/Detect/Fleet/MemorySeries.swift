/// One memory series as the memory-growth detector keeps it: buckets, first and last
/// value, and how often it fell sharply (the resets of an allocator sawtooth).
struct MemorySeries: BucketHolder {
    /// A fall by more than this share of the previous value is a reset.
    static let dropShare = 0.2

    let name: String
    let rank: Int?
    let device: Int?
    let role: MetricRole?
    /// The unit the log states for the series, if any (``FieldInfo/unit``).
    let statedUnit: String?
    var buckets = MemoryBuckets()
    /// True when the series is indexed by time; decided by its first point.
    var timed: Bool?
    var count = 0
    var sum = 0.0
    var firstValue = Double.nan
    var lastValue = Double.nan
    var drops = 0

    init(descriptor: SeriesDescriptor) {
        name = descriptor.name
        rank = descriptor.rank
        device = descriptor.device
        role = descriptor.info.role
        statedUnit = descriptor.info.unit
    }

    /// Keeps at most `capacity` buckets from now on.
    mutating func limitBuckets(to capacity: Int) {
        buckets.limit(to: capacity)
    }

    /// The unit the log states, else guessed from the name and the mean.
    var unit: MemoryUnit {
        MemoryUnit(name: name, typical: count > 0 ? sum / Double(count) : 0, stated: statedUnit)
    }

    /// Adds a point; points without a position on the series' axis are skipped.
    mutating func add(_ point: Point) {
        if timed == nil { timed = point.time.isFinite || point.step.isNaN }
        let x = timed == true ? point.time : point.step
        guard x.isFinite else { return }

        if lastValue.isFinite, lastValue - point.value > Self.dropShare * lastValue {
            drops += 1
        }
        if count == 0 { firstValue = point.value }
        lastValue = point.value
        count += 1
        sum += point.value
        buckets.add(point.value, at: point)
    }
}
