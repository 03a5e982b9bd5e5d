/// Finds ranks slower than the others on their own work: `straggler`.
///
/// Synchronised data-parallel training evens out step time at the all-reduce, and a rank
/// that waits for a slow peer shows that wait inside its backward pass. So each rank is
/// scored per window of steps on its own work, each metric separately: data-wait time,
/// forward time, forward + backward time; step time in place of compute time when the log
/// has no forward or backward time (a log with data and step time only scores both).
/// A rank is slow on a metric in a window when its mean exceeds `stragglerFactor` times
/// the median of the other ranks' means and the excess costs at least
/// `stragglerMinExcessShare` of a step. An excess in a metric that can hold waits
/// (forward + backward, step) is not blamed when another rank is slow in the same window
/// by as much: it is the shadow of that rank. A rank slow for `stragglerMinWindows`
/// windows in a row, after the warm-up, is a straggler.
///
/// Memory: one bucket grid shared by every series, at most `bucketCap` buckets wide while
/// it tracks up to 128 series (32 ranks of four step-time components), and half as wide
/// each time their number doubles past that (``bucketBudget``, down to 64 buckets), so many
/// ranks get coarser buckets, not more memory. Unlike the step histories it does not also
/// share by rank past 32 ranks: buckets that coarse lose a mild, short straggler (1.25× for
/// 150 steps, one rank of 64) that finer ones catch.
public final class StragglerDetector: Detector {
    /// The stable id of the incidents this detector raises.
    public static let id = "straggler"
    /// The most buckets a series keeps before the grid's width doubles.
    static let bucketCap = 1024
    /// The buckets the tracked series share.
    static let bucketBudget = SharedBudget(full: bucketCap, fullShares: 128, least: 64)

    /// `straggler`.
    public var ids: [String] { [Self.id] }

    let settings: FleetSettings
    /// Grid origin (the first step seen) and bucket width in steps.
    var origin = Double.nan
    var width = 1.0
    /// Tracked series; `slots[seriesIndex]` is the position in `tracked`, or -1.
    var tracked: [TrackedWork] = []
    private(set) var slots: [Int] = []
    /// The lowest and highest grid index any series holds.
    var lowest = Int.max
    var highest = Int.min
    /// The most buckets a series keeps now: its share of ``bucketBudget``.
    private(set) var cap = bucketCap
    /// The first tracked series of each rank, whose positions the rank's later series take
    /// while their points come at the same steps, times and lines (``PositionSharing``).
    var firstOfRank: [Int: Int] = [:]
    /// Tracked series that take another's positions.
    var sharing = 0
    /// Whether ``takesRuns(of:groupedBy:)`` checked the batch at hand for sharing.
    var checkedBatch = false
    /// Each tracked series' positions in the batch at hand, for the check without groups.
    var batchPositions: [[Int]] = []

    /// Creates the detector with `settings`.
    public init(settings: FleetSettings = FleetSettings()) {
        self.settings = settings
    }

    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        var slot = -1
        if let rank = descriptor.rank, let component = StragglerComponent(descriptor),
            component != .optimizer
        {
            slot = tracked.count
            tracked.append(
                TrackedWork(
                    name: descriptor.name, rank: rank, component: component,
                    scale: descriptor.info.scale, series: slots.count))
            sharePositions(slot)
            shareBuckets()
        }
        slots.append(slot)
    }

    // TODO(#8): the buckets share by the number of tracked series only, so with one series a
    // rank each keeps 1,024 up to 128 ranks (5.8 MB of heap at 128 ranks with two series a
    // rank, the second sharing the first's positions). Shared by rank as well they lost a
    // mild short straggler among 64 ranks: a window is a whole number of buckets, so coarser
    // buckets make longer windows; windows laid on a finer grid than the buckets would allow.
    /// Lowers the cap to the tracked series' share of the budget, doubling the width until
    /// the grid fits.
    private func shareBuckets() {
        cap = Self.bucketBudget.share(among: tracked.count)
        guard lowest <= highest, highest - lowest >= cap else { return }
        tracked.withUnsafeMutableBufferPointer { tracked in
            while highest - lowest >= cap { doubleWidth(tracked) }
        }
    }

    /// Only the step-time components of ranks.
    public func wantsPoints(ofSeries index: Int) -> Bool {
        index < slots.count && slots[index] >= 0
    }

    /// Takes one point; series sharing positions stop, since single points are not checked.
    public func observe(series index: Int, point: Point) {
        if sharing > 0 { stopSharing() }
        tracked.withUnsafeMutableBufferPointer { add(point, series: index, to: $0) }
    }

    /// Takes a batch's points in order, with the tracked series held once for the batch
    /// rather than looked up (and checked for sharing) at every point: the batches in which
    /// the grid's width may double (see ``takesRuns(of:groupedBy:)``).
    func observe(_ points: UnsafeBufferPointer<CommittedPoint>) {
        if !checkedBatch { checkSharing(points) }
        checkedBatch = false
        var held = tracked
        tracked = []
        defer { tracked = held }
        held.withUnsafeMutableBufferPointer { held in
            for item in points { add(item.point, series: item.series, to: held) }
        }
    }

    /// Adds `point` of series `index` to its bucket in `tracked`, the detector's own.
    @inline(__always)
    private func add(
        _ point: Point, series index: Int, to tracked: UnsafeMutableBufferPointer<TrackedWork>
    ) {
        guard index < slots.count else { return }
        let slot = slots[index]
        guard slot >= 0 else { return }
        let value = point.value * tracked[slot].scale
        guard value.isFiniteAndNotNegative, point.step.isFinite else { return }

        if origin.isNaN { origin = point.step }
        var bucket = gridIndex(of: point.step)
        while max(highest, bucket) - min(lowest, bucket) >= cap {
            doubleWidth(tracked)
            bucket = gridIndex(of: point.step)
        }
        lowest = min(lowest, bucket)
        highest = max(highest, bucket)
        tracked[slot].add(value, at: point, index: bucket)
    }

    public func finish() {}

    /// Drops the buckets, once the incidents are known.
    public func releaseState() {
        tracked = []
        slots = []
        batchPositions = []
    }

    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.stragglerEnabled else { return [] }
        let plan = StragglerPlan(detector: self)
        guard let plan else { return [] }
        return plan.incidents(context: context)
    }

    /// The grid index of `step`.
    @inline(__always)
    func gridIndex(of step: Double) -> Int {
        Self.gridIndex(of: step, origin: origin, width: width)
    }

    /// The index of `step` on a grid starting at `origin` with buckets `width` steps wide:
    /// `⌊(step − origin) / width⌋`, within ±10^15. It never falls as `step` rises.
    @inline(__always)
    static func gridIndex(of step: Double, origin: Double, width: Double) -> Int {
        let offset = (step - origin) / width
        guard abs(offset) < 1e15 else { return Int(max(min(offset.rounded(.down), 1e15), -1e15)) }
        return offset.floorIndex
    }

    /// Doubles the bucket width, so that the grid over every series stays within the cap
    /// (one wild step on one rank cannot make the windows span a billion buckets).
    private func doubleWidth(_ tracked: UnsafeMutableBufferPointer<TrackedWork>) {
        width *= 2
        lowest = RankStepBuckets.floorHalf(lowest)
        highest = RankStepBuckets.floorHalf(highest)
        for position in tracked.indices { tracked[position].buckets.halve() }
    }
}

/// One series a straggler detector scores: a rank's data, forward, backward or step time.
struct TrackedWork {
    /// The metric name as logged.
    var name: String
    var rank: Int
    var component: StragglerComponent
    /// Multiplier into seconds.
    var scale: Double
    /// The series' index in the run.
    var series: Int
    var buckets = RankStepBuckets()
    /// The tracked series whose positions it takes, or -1 (``RankStepBuckets``).
    var positionsOwner = -1
    /// Points, and the first and last step, to estimate the logging stride.
    var count = 0
    var firstStep = Double.infinity
    var lastStep = -Double.infinity

    /// Steps between two logged points, on average.
    var stride: Double {
        count > 1 && lastStep > firstStep ? (lastStep - firstStep) / Double(count - 1) : 1
    }

    @inline(__always)
    mutating func add(_ value: Double, at point: Point, index: Int) {
        buckets.add(value, at: point, index: index)
        count += 1
        firstStep = min(firstStep, point.step)
        // `max(lastStep, point.step)` for the finite steps that reach here, as one `maxsd`.
        lastStep = lastStep > point.step ? lastStep : point.step
    }
}
