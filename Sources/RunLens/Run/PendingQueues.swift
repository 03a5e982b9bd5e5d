/// Every series' held-back points: for each series, a ring of its newest points, oldest
/// first, that grows by doubling to fit them.
///
/// A point is its value and the index of its record in ``HeldRecords``, which keeps each
/// record's step, time, line and file once for all the series it feeds: 12 bytes a point
/// rather than 32. The assembler makes a series' oldest point final as soon as it would
/// hold more than `holdBack`, so a ring never needs more than `holdBack` slots and is never
/// moved once that large: the rings of all series together stay small enough to stay in
/// cache, and a series with few points keeps a small ring. The rings and their bookkeeping
/// live in manually managed buffers, freed with the queues, so no operation copies, retains
/// or checks the uniqueness of an array.
///
/// The points of one record are pushed between ``openRecord(step:time:line:file:)`` and
/// ``closeRecord()``.
// TODO(#8): a point still carries its record's index (4 of its 12 bytes) and touches the
// record's reference count as it comes and goes, because a series may skip records or take
// them from several streams; the series that take every record of one stream could share
// one ring of record indices per stream (8 bytes a point), with rings of their own kept
// for the others. Held-back memory at 1,024 series is 6 MiB of rings and 2 MiB of records.
final class PendingQueues {
    /// What became of a late point: held back in order, or final at once ahead of the held
    /// points; or, behind a point made final already, held back after the others out of
    /// step order (as a resume behind the hold-back is), with the point this made final.
    enum LatePush {
        case held
        case final(Point)
        case behind(Point?)
    }

    /// One series' ring: where its values and their records' indices lie, where its oldest
    /// point is, how many it holds.
    private struct Queue {
        var values: UnsafeMutablePointer<Double>
        var records: UnsafeMutablePointer<Int32>
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
    private let records = HeldRecords()
    /// The record whose points are being pushed, or -1.
    private var current: Int32 = -1

    /// The records the held-back points (and the record being pushed) refer to.
    var heldRecords: Int { records.live }

    /// Creates queues that hold back `holdBack` points per series.
    init(holdBack: Int) {
        self.holdBack = holdBack
        limit = max(1, holdBack)
        queues = .allocate(capacity: queueCapacity)
    }

    deinit {
        for index in 0..<count { Self.deallocate(queues[index]) }
        queues.deallocate()
    }

    /// Adds an empty queue for a new series; its index is the previous `count`.
    func addSeries() {
        if count == queueCapacity {
            queueCapacity *= 2
            queues = queues.moved(count: count, toCapacity: queueCapacity)
        }
        (queues + count).initialize(to: Self.queue(capacity: min(4, limit)))
        count += 1
    }

    /// Starts a record: the points pushed until ``closeRecord()`` sit at its step and time
    /// and came from its line of `file`.
    func openRecord(step: Double, time: Double, line: Int32, file: Int32) {
        current = records.add(step: step, time: time, line: line, file: file)
    }

    /// Ends the record opened last; its entry is kept while its points are held back.
    func closeRecord() {
        guard current >= 0 else { return }

        records.release(current)
        current = -1
    }

    /// Holds back `value` of the open record in `series`; returns the series' oldest point,
    /// now final, when the series would hold more than `holdBack` points.
    @inline(__always)
    func push(_ value: Double, series: Int) -> Point? {
        let queue = queues + series
        if queue.pointee.count == holdBack { return exchange(value, queue) }
        if queue.pointee.count == queue.pointee.capacity { grow(queue) }
        let slot = slot(queue, queue.pointee.count)
        queue.pointee.values[slot] = value
        queue.pointee.records[slot] = current
        records.retain(current)
        queue.pointee.count += 1
        return nil
    }

    /// Holds back `value` of the open record in `series` in step order among the series'
    /// held-back points, for a record written after records with later steps. Behind a
    /// point at or after its step that is final already, it can only follow the others.
    func pushLate(_ value: Double, series: Int) -> LatePush {
        let queue = queues + series
        let step = records.step(current)
        guard step > queue.pointee.lastCommittedStep else {
            return .behind(push(value, series: series))
        }
        if queue.pointee.count == holdBack, holdBack > 0,
            step < records.step(queue.pointee.records[queue.pointee.head])
        {
            // Older than every held point: final at once, ahead of them.
            let point = records.point(current, value: value)
            commit(point.step, queue)
            return .final(point)
        }
        let final = push(value, series: series)
        sinkNewest(queue)
        return final.map(LatePush.final) ?? .held
    }

    /// Removes and returns the oldest point of `series`, noting its step as committed.
    @inline(__always)
    func popFirst(series: Int) -> Point? {
        let queue = queues + series
        guard queue.pointee.count > 0 else { return nil }
        let head = queue.pointee.head
        let point = take(queue, at: head)
        queue.pointee.head = slot(queue, 1)
        queue.pointee.count -= 1
        commit(point.step, queue)
        return point
    }

    /// `push` for a series that holds `holdBack` points already (nearly every push): the new
    /// point goes in and the oldest comes out in one step, the count unchanged. A ring
    /// grows to `holdBack` slots before it holds that many, so a full ring is exactly as
    /// large as it holds and the new point takes the oldest's slot.
    @inline(__always)
    private func exchange(_ value: Double, _ queue: UnsafeMutablePointer<Queue>) -> Point {
        guard queue.pointee.count > 0 else {
            let point = records.point(current, value: value)
            commit(point.step, queue)
            return point
        }
        let head = queue.pointee.head
        let oldest = take(queue, at: head)
        queue.pointee.values[head] = value
        queue.pointee.records[head] = current
        records.retain(current)
        queue.pointee.head = head + 1 == queue.pointee.capacity ? 0 : head + 1
        commit(oldest.step, queue)
        return oldest
    }

    /// The point in ring slot `slot`, whose reference to its record is dropped.
    @inline(__always)
    private func take(_ queue: UnsafeMutablePointer<Queue>, at slot: Int) -> Point {
        let record = queue.pointee.records[slot]
        let point = records.point(record, value: queue.pointee.values[slot])
        records.release(record)
        return point
    }

    /// Notes that a point at `step` was made final.
    @inline(__always)
    private func commit(_ step: Double, _ queue: UnsafeMutablePointer<Queue>) {
        if step > queue.pointee.lastCommittedStep {
            queue.pointee.lastCommittedStep = step
        }
    }

    /// Drops the held-back points of `series` at or after `step`; says whether points at or
    /// after it had already been made final (the resume reached further back than the
    /// hold-back), and what non-finite values were dropped.
    func supersede(series: Int, from step: Double) -> Superseded {
        let queue = queues + series
        var kept = 0
        var dropped = Superseded()
        for offset in 0..<queue.pointee.count {
            let from = slot(queue, offset)
            let record = queue.pointee.records[from]
            let at = records.step(record)
            if at >= step {
                dropped.note(queue.pointee.values[from], at: at)
                records.release(record)
                continue
            }
            let to = slot(queue, kept)
            queue.pointee.values[to] = queue.pointee.values[from]
            queue.pointee.records[to] = record
            kept += 1
        }
        queue.pointee.count = kept
        dropped.reachedFinal = queue.pointee.lastCommittedStep >= step
        return dropped
    }

    /// What ``supersede(series:from:)`` found.
    struct Superseded {
        /// Points at or after the step had been made final already.
        var reachedFinal = false
        /// The non-finite values dropped, and the lowest step among them.
        var nonFinite = 0
        var firstNonFinite = Double.infinity

        mutating func note(_ value: Double, at step: Double) {
            guard !value.isFinite else { return }
            nonFinite += 1
            firstNonFinite = min(firstNonFinite, step)
        }
    }

    /// Moves the newest point back past the held points with later steps.
    private func sinkNewest(_ queue: UnsafeMutablePointer<Queue>) {
        var offset = queue.pointee.count - 1
        while offset > 0 {
            let at = slot(queue, offset)
            let before = slot(queue, offset - 1)
            let record = queue.pointee.records[at]
            guard records.step(queue.pointee.records[before]) > records.step(record) else {
                return
            }
            let value = queue.pointee.values[at]
            queue.pointee.values[at] = queue.pointee.values[before]
            queue.pointee.records[at] = queue.pointee.records[before]
            queue.pointee.values[before] = value
            queue.pointee.records[before] = record
            offset -= 1
        }
    }

    /// The ring slot of the point `offset` places after the oldest.
    @inline(__always)
    private func slot(_ queue: UnsafeMutablePointer<Queue>, _ offset: Int) -> Int {
        let slot = queue.pointee.head + offset
        return slot >= queue.pointee.capacity ? slot - queue.pointee.capacity : slot
    }

    /// Gives back the room of every empty ring, keeping one slot each, and of the records
    /// once none is referred to: once the run has ended and every point is final, they are
    /// not needed while the reports are made.
    func releaseEmptyRings() {
        for index in 0..<count where queues[index].count == 0 && queues[index].capacity > 1 {
            Self.deallocate(queues[index])
            let lastCommittedStep = queues[index].lastCommittedStep
            queues[index] = Self.queue(capacity: 1)
            queues[index].lastCommittedStep = lastCommittedStep
        }
        records.releaseRoomIfUnused()
    }

    /// Moves the points, oldest first, into a ring twice as large (at most `limit`, unless
    /// more are held).
    @inline(never)
    private func grow(_ queue: UnsafeMutablePointer<Queue>) {
        let old = queue.pointee
        var larger = Self.queue(capacity: max(old.count + 1, min(old.capacity * 2, limit)))
        for offset in 0..<old.count {
            let from = slot(queue, offset)
            (larger.values + offset).initialize(to: old.values[from])
            (larger.records + offset).initialize(to: old.records[from])
        }
        Self.deallocate(old)
        larger.count = old.count
        larger.lastCommittedStep = old.lastCommittedStep
        queue.pointee = larger
    }

    /// An empty ring of `capacity` slots: one allocation, the values first, then the
    /// indices of their records.
    private static func queue(capacity: Int) -> Queue {
        let stride = MemoryLayout<Double>.stride + MemoryLayout<Int32>.stride
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: capacity * stride, alignment: MemoryLayout<Double>.alignment)
        let values = raw.bindMemory(to: Double.self, capacity: capacity)
        let records = (raw + capacity * MemoryLayout<Double>.stride)
            .bindMemory(to: Int32.self, capacity: capacity)
        return Queue(values: values, records: records, capacity: capacity)
    }

    private static func deallocate(_ queue: Queue) {
        UnsafeMutableRawPointer(queue.values).deallocate()
    }
}
