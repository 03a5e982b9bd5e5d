#if canImport(Glibc)
    import Glibc
#endif

/// A whole series summarised in step buckets whose width doubles as the run grows, so
/// memory stays within `capacity` buckets however long the run is.
///
/// Bucket `k` covers steps `[k·width, (k+1)·width)`. Widths are powers of two, so two
/// series' buckets line up once both are coarsened to the larger width; detectors that
/// compare series (data time against compute time, a rank against the cluster) rely on
/// that. What a bucket keeps is up to its type: a ``StepBucket`` (a ``StepHistory``) keeps
/// count, sum, sum of squares, extremes and its first and last value, which is enough for
/// window means, noise estimates and "value before step s"; a detector that needs less
/// keeps a smaller bucket (``MeanBucket``).
///
/// **Memory.** At most `capacity` buckets (80 bytes a ``StepBucket``: 40 KiB at 512). A
/// detector that keeps a history for each of many series shares one budget among them
/// (``budget(capacity:)``) and lowers every history's capacity with ``limit(to:)`` as
/// series are added, so a run with many ranks and metrics gets coarser buckets rather than
/// more memory.
struct BucketHistory<Bucket: HistoryBucket> {
    /// The most buckets kept.
    private(set) var capacity: Int
    /// Steps per bucket: a power of two.
    private(set) var width = 1.0
    /// The index of `buckets[0]`.
    private(set) var baseIndex = 0
    /// The buckets from `baseIndex` on; empty ones have `count == 0`.
    private(set) var buckets: [Bucket] = []

    /// Creates an empty summary of at most `capacity` buckets (at least 4).
    init(capacity: Int) {
        self.capacity = max(4, capacity)
    }

    /// The buckets a detector's histories share: 65,536 (5.2 MB of ``StepBucket``s), so 128
    /// histories of 512 buckets or 64 of 1,024 (32 ranks of four series or of two) each hold
    /// their full `capacity`, and a cluster of that size gets the same incidents as a single
    /// rank would.
    /// A detector that shares by rank as well (``SharedBudget/share(among:ranks:)``) halves
    /// the share as the ranks double past 32, so with one or two histories a rank it holds
    /// no more at 128 ranks than at 32.
    static var sharedBuckets: Int { 65_536 }

    /// The bucket budget of a detector's histories of `capacity` buckets each: the full
    /// capacity while ``sharedBuckets`` hold them all, half as much each time the number of
    /// histories doubles past that, and never fewer than 64 buckets.
    static func budget(capacity: Int) -> SharedBudget {
        SharedBudget(full: capacity, fullShares: sharedBuckets / max(1, capacity), least: 64)
    }

    /// Keeps at most `capacity` buckets (at least 4) from now on when that is fewer,
    /// coarsening the buckets held until they fit and giving back the room they took.
    mutating func limit(to capacity: Int) {
        let lowered = max(4, capacity)
        guard lowered < self.capacity else { return }

        self.capacity = lowered
        while !buckets.isEmpty, buckets.count > lowered { coarsen() }
        guard buckets.capacity > lowered else { return }
        var fitted: [Bucket] = []
        fitted.reserveCapacity(lowered)
        fitted.append(contentsOf: buckets)
        buckets = fitted
    }

    /// True when no value was added.
    var isEmpty: Bool { !buckets.contains { $0.count > 0 } }

    /// Adds a finite `value` at a finite `step`; anything else is ignored.
    ///
    /// Inlined for the common case, a step inside the buckets held; the rest (a new bucket,
    /// coarsening) is out of line, so the caller's path carries none of its register spills.
    @inline(__always)
    mutating func add(step: Double, time: Double, value: Double) {
        guard step.isFinite, value.isFinite, abs(step) < 1e15 else { return }
        let offset = (step / width).floorIndex - baseIndex
        guard offset >= 0 && offset < buckets.count else {
            addOutside(step: step, time: time, value: value)
            return
        }
        buckets.withUnsafeMutableBufferPointer { buckets in
            buckets[offset].add(step: step, time: time, value: value)
        }
    }

    /// Runs `body` with a ``Filler`` over the buckets held, the storage checked for sharing
    /// once; `body` must not reach the history in any other way.
    @inline(__always)
    mutating func filling<Result>(_ body: (Filler) -> Result) -> Result {
        let width = width
        let baseIndex = baseIndex
        return buckets.withUnsafeMutableBufferPointer { buckets in
            body(Filler(buckets: buckets, width: width, baseIndex: baseIndex))
        }
    }

    /// Adds a finite value whose step lies outside the buckets held.
    @inline(never)
    private mutating func addOutside(step: Double, time: Double, value: Double) {
        var index = bucketIndex(step)
        // The usual case, the next bucket with room for it: appended already holding the value.
        if !buckets.isEmpty, index == baseIndex + buckets.count, buckets.count < capacity {
            var next = Bucket()
            next.add(step: step, time: time, value: value)
            buckets.append(next)
            return
        }
        if buckets.isEmpty {
            baseIndex = index
            buckets = [Bucket()]
        }
        while max(index, baseIndex + buckets.count - 1) - min(index, baseIndex) >= capacity {
            coarsen()
            index = bucketIndex(step)
        }

        if index < baseIndex {
            buckets.insert(contentsOf: Array(repeating: Bucket(), count: baseIndex - index), at: 0)
            baseIndex = index
        }
        while index >= baseIndex + buckets.count { buckets.append(Bucket()) }
        buckets[index - baseIndex].add(step: step, time: time, value: value)
    }

    /// Forgets every bucket at or after the one holding `step`: a replay or restart
    /// supersedes them.
    mutating func truncate(from step: Double) {
        guard !buckets.isEmpty, step.isFinite else { return }
        let keep = bucketIndex(step) - baseIndex
        if keep <= 0 {
            buckets.removeAll()
        } else if keep < buckets.count {
            buckets.removeSubrange(keep...)
        }
    }

    /// Forgets everything.
    mutating func removeAll() {
        buckets.removeAll()
        width = 1
        baseIndex = 0
    }

    /// Doubles the width until it is at least `target`.
    mutating func coarsen(toWidth target: Double) {
        while width < target { coarsen() }
    }

    /// The non-empty buckets with their index, in step order.
    var filled: [(index: Int, bucket: Bucket)] {
        buckets.indices.compactMap { offset in
            buckets[offset].count > 0 ? (baseIndex + offset, buckets[offset]) : nil
        }
    }

    /// The bucket holding `step`, if it has values.
    func bucket(at index: Int) -> Bucket? {
        let offset = index - baseIndex
        guard offset >= 0, offset < buckets.count, buckets[offset].count > 0 else { return nil }
        return buckets[offset]
    }

    /// The bucket index of `step` at the current width.
    ///
    /// Clamped to ±1e15: `add` stores no step that far out, and a query about one (a
    /// resume to step 3e77 in a damaged log) must not overflow the conversion to Int.
    func bucketIndex(_ step: Double) -> Int {
        Self.bucketIndex(step, width: width)
    }

    /// The bucket index of `step` at `width`, clamped as ``bucketIndex(_:)`` says.
    @inline(__always)
    static func bucketIndex(_ step: Double, width: Double) -> Int {
        let quotient = step / width
        guard abs(quotient) < 1e15 else {
            return quotient > 0 ? 1_000_000_000_000_000 : -1_000_000_000_000_000
        }
        return quotient.floorIndex
    }

    private mutating func coarsen() {
        width *= 2
        guard !buckets.isEmpty else { return }
        // An arithmetic shift halves rounding down, negative indices included.
        let newBase = baseIndex >> 1
        let last = baseIndex + buckets.count - 1
        let newLast = last >> 1

        // Pairs merge into the front of the same buffer: bucket `offset` goes to a slot at
        // or before it, and every slot is written only after the buckets it held were read.
        let base = baseIndex
        buckets.withUnsafeMutableBufferPointer { buckets in
            var target = 0
            var merged = Bucket()
            for offset in buckets.indices {
                let next = ((base + offset) >> 1) - newBase
                if next != target {
                    buckets[target] = merged
                    merged = Bucket()
                    target = next
                }
                merged.merge(buckets[offset])
            }
            buckets[target] = merged
        }
        buckets.removeLast(buckets.count - (newLast - newBase + 1))
        baseIndex = newBase
    }
}
