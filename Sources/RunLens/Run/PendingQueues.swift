/// Every series' held-back points: for each series, a ring of its newest points, oldest
/// first, that grows by doubling to fit them.
///
/// The assembler makes a series' oldest point final as soon as it would hold more than
/// `holdBack`, so a ring never needs more than `holdBack` slots and is never moved once
/// that large: the rings of all series together stay small enough to stay in cache, and a
/// series with few points keeps a small ring. The rings and their bookkeeping live in
/// manually managed buffers, freed with the queues, so no operation copies, retains or
/// checks the uniqueness of an array.
// TODO(#8): `perf annotate` still puts most of `RunAssembler.addRecord` on loading the point
// `popFirst` returns, though each series' ring is now as small as its hold-back (a software
// prefetch of the next points did not help); a point's step, time, line and file repeat in
// every series of its record, so one entry per record and stream, with only values per
// series, would shrink the queues about threefold. They are also the largest per-series
// memory left (512 points of 32 bytes, 16 MiB for 1,024 series), which that would shrink
// as much; a hold-back shared by all series would change how deep resumes are superseded.
final class PendingQueues {
    /// One series' ring: where it lies, where its oldest point is, how many it holds.
    private struct Queue {
        var ring: UnsafeMutablePointer<Point>
        var capacity: Int
        var head = 0
        var count = 0
        /// The highest step made final so far.
        var lastCommittedStep = -Double.infinity
    }

    private var queues: UnsafeMutablePointer<Queue>
    private var queueCapacity = 16
    /// The number of series.
    private(set) var count = 0
    private let holdBack: Int
    private let limit: Int

    /// Creates queues that hold back `holdBack` points per series.
    init(holdBack: Int) {
        self.holdBack = holdBack
        limit = max(1, holdBack)
        queues = .allocate(capacity: queueCapacity)
    }

    deinit {
        for index in 0..<count { queues[index].ring.deallocate() }
        queues.deallocate()
    }

    /// Adds an empty queue for a new series; its index is the previous `count`.
    func addSeries() {
        if count == queueCapacity {
            let larger = UnsafeMutablePointer<Queue>.allocate(capacity: queueCapacity * 2)
            larger.moveInitialize(from: queues, count: count)
            queues.deallocate()
            queues = larger
            queueCapacity *= 2
        }
        let capacity = min(4, limit)
        (queues + count).initialize(
            to: Queue(ring: .allocate(capacity: capacity), capacity: capacity))
        count += 1
    }

    /// Holds back `point` in `series`; returns the series' oldest point, now final, when the
    /// series would hold more than `holdBack` points.
    @inline(__always)
    func push(_ point: Point, series: Int) -> Point? {
        let queue = queues + series
        if queue.pointee.count == holdBack { return exchange(point, queue) }
        if queue.pointee.count == queue.pointee.capacity { grow(queue) }
        queue.pointee.ring[slot(queue, queue.pointee.count)] = point
        queue.pointee.count += 1
        return queue.pointee.count > holdBack ? popFirst(series: series) : nil
    }

    /// Removes and returns the oldest point of `series`, noting its step as committed.
    @inline(__always)
    func popFirst(series: Int) -> Point? {
        let queue = queues + series
        guard queue.pointee.count > 0 else { return nil }
        let point = queue.pointee.ring[queue.pointee.head]
        queue.pointee.head = slot(queue, 1)
        queue.pointee.count -= 1
        commit(point.step, queue)
        return point
    }

    /// `push` for a series that holds `holdBack` points already (nearly every push): the new
    /// point goes in and the oldest comes out in one step, the count unchanged. The new point
    /// is written after the oldest is read, so a ring exactly as large as it holds works.
    @inline(__always)
    private func exchange(_ point: Point, _ queue: UnsafeMutablePointer<Queue>) -> Point {
        guard queue.pointee.count > 0 else {
            commit(point.step, queue)
            return point
        }
        let oldest = queue.pointee.ring[queue.pointee.head]
        queue.pointee.ring[slot(queue, queue.pointee.count)] = point
        queue.pointee.head = slot(queue, 1)
        commit(oldest.step, queue)
        return oldest
    }

    /// Notes that a point at `step` was made final.
    @inline(__always)
    private func commit(_ step: Double, _ queue: UnsafeMutablePointer<Queue>) {
        if step > queue.pointee.lastCommittedStep {
            queue.pointee.lastCommittedStep = step
        }
    }

    /// Drops the held-back points of `series` at or after `step`; returns `1` when points at
    /// or after it had already been made final (the resume reached further back than the
    /// hold-back).
    func supersede(series: Int, from step: Double) -> Int {
        let queue = queues + series
        var kept = 0
        for offset in 0..<queue.pointee.count {
            let point = queue.pointee.ring[slot(queue, offset)]
            if point.step >= step { continue }
            queue.pointee.ring[slot(queue, kept)] = point
            kept += 1
        }
        queue.pointee.count = kept
        return queue.pointee.lastCommittedStep >= step ? 1 : 0
    }

    /// The ring slot of the point `offset` places after the oldest.
    @inline(__always)
    private func slot(_ queue: UnsafeMutablePointer<Queue>, _ offset: Int) -> Int {
        let slot = queue.pointee.head + offset
        return slot >= queue.pointee.capacity ? slot - queue.pointee.capacity : slot
    }

    /// Gives back the room of every empty ring, keeping one slot each: once the run has
    /// ended and every point is final, the rings are not needed while the reports are made.
    func releaseEmptyRings() {
        for index in 0..<count where queues[index].count == 0 && queues[index].capacity > 1 {
            queues[index].ring.deallocate()
            queues[index].ring = .allocate(capacity: 1)
            queues[index].capacity = 1
            queues[index].head = 0
        }
    }

    /// Moves the points, oldest first, into a ring twice as large (at most `limit`, unless
    /// more are held).
    private func grow(_ queue: UnsafeMutablePointer<Queue>) {
        let old = queue.pointee
        let capacity = max(old.count + 1, min(old.capacity * 2, limit))
        let ring = UnsafeMutablePointer<Point>.allocate(capacity: capacity)
        for offset in 0..<old.count {
            (ring + offset).initialize(to: old.ring[slot(queue, offset)])
        }
        old.ring.deallocate()
        queue.pointee.ring = ring
        queue.pointee.capacity = capacity
        queue.pointee.head = 0
    }
}
