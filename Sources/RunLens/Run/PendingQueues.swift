/// Every series' held-back points: for each series its newest points, oldest first, up to
/// `holdBack` of them.
///
/// Most series take a value from every record of one stream (a file and a rank), and then
/// their held-back points are the stream's newest records: such a series *follows* the
/// stream, whose ``RecordRing`` keeps each record's step, time, line and file once, and
/// keeps only its values, each in the slot of its record (8 bytes a point). Any other
/// series keeps a ring of its own of values and indices of entries in ``HeldRecords``, which
/// keeps each record's position once for the points that refer to it (12 bytes a point and
/// 32 a record). A series follows the stream of its first point, and stops following it,
/// its points moved into a ring of its own, once it misses a record of the stream, takes a
/// value from another stream or twice from one record, or gets a late value or a resume;
/// with no points held it may follow a stream again.
///
/// The assembler makes a series' oldest point final as soon as it would hold more than
/// `holdBack`, so a ring never needs more than `holdBack` slots and is never moved once that
/// large. The rings and their bookkeeping live in manually managed buffers, freed with the
/// queues, so no operation copies, retains or checks the uniqueness of an array.
///
/// The points of one record are pushed between ``openRecord(stream:step:time:line:file:)``
/// and ``closeRecord()``.
// TODO(#8): a resume or a late record makes every series of its stream stop following, and
// a series follows again only once it holds no points, so a resumed run keeps rings of their
// own (12 bytes a point and the records' entries) from then on; a resume drops the same
// newest records from every follower, so the stream's ring could rewind with them instead.
final class PendingQueues {
    /// What became of a late point: held back in order, or final at once ahead of the held
    /// points; or, behind a point made final already, held back after the others out of
    /// step order (as a resume behind the hold-back is), with the point this made final.
    enum LatePush {
        case held
        case final(Point)
        case behind(Point?)
    }

    /// One series' points: its values, and for a ring of its own the indices of their
    /// records, where its oldest point is and how many it holds. A follower's values lie in
    /// the slots of its stream's ring, as many slots as that has.
    struct Queue {
        var values: UnsafeMutablePointer<Double>?
        /// The entries of the points' records in ``HeldRecords``; `nil` for a follower.
        var records: UnsafeMutablePointer<Int32>?
        var capacity = 0
        var head = 0
        var count = 0
        /// The highest step made final so far.
        var lastCommittedStep = -Double.infinity
        /// The stream followed, or -1.
        var stream: Int32 = -1
        /// Its place among the stream's followers.
        var follower: Int32 = -1
        /// The number in the stream of the record of its newest point.
        var sequence = -1
    }

    /// The record whose points are being pushed: its stream, slot and number there, its
    /// position, and the record that left the stream's full ring for it.
    struct Current {
        var stream: Int32 = -1
        var slot = 0
        var sequence = 0
        var record = HeldRecord(step: .nan, time: .nan, line: 0, file: 0)
        var leaving = HeldRecord(step: .nan, time: .nan, line: 0, file: 0)
    }

    var queues: UnsafeMutablePointer<Queue>
    private var queueCapacity = 16
    /// The number of series.
    private(set) var count = 0
    var streams: UnsafeMutablePointer<RecordRing>
    private var streamCapacity = 4
    private var streamCount = 0
    let holdBack: Int
    let limit: Int
    let records = HeldRecords()
    var current = Current()
    /// Whether a record is open.
    var isOpen = false
    /// The followers of the open record's stream that took a value from it.
    var followerPushes = 0

    /// The entries of records kept for series with rings of their own, and by the streams'
    /// rings for them.
    var heldRecords: Int { records.live }

    /// Creates queues that hold back `holdBack` points per series.
    init(holdBack: Int) {
        self.holdBack = holdBack
        limit = max(1, holdBack)
        queues = .allocate(capacity: queueCapacity)
        streams = .allocate(capacity: streamCapacity)
    }

    deinit {
        for index in 0..<count { Self.deallocate(queues[index]) }
        queues.deallocate()
        for index in 0..<streamCount { streams[index].release(in: records) }
        streams.deinitialize(count: streamCount)
        streams.deallocate()
    }

    /// Adds an empty queue for a new series; its index is the previous `count`.
    func addSeries() {
        if count == queueCapacity {
            queueCapacity *= 2
            queues = queues.moved(count: count, toCapacity: queueCapacity)
        }
        (queues + count).initialize(to: Queue())
        count += 1
    }

    /// Starts a record of stream `stream` (a small number, the same for every record of
    /// the stream): the points pushed until ``closeRecord()`` sit at its step and time and
    /// came from its line of `file`.
    func openRecord(stream: Int, step: Double, time: Double, line: Int32, file: Int32) {
        while streamCount <= stream { addStream() }
        let ring = streams + stream
        let capacity = ring.pointee.grownCapacity(limit: limit)
        if capacity != ring.pointee.capacity { grow(ring, to: capacity) }
        let record = HeldRecord(step: step, time: time, line: line, file: file)
        ring.pointee.append(record, releasingIn: records)
        current = Current(
            stream: Int32(stream), slot: ring.pointee.newest, sequence: ring.pointee.sequence,
            record: record, leaving: ring.pointee.leaving ?? record)
        isOpen = true
        followerPushes = 0
    }

    /// Ends the record opened last: the followers that took no value from it stop
    /// following, and a stream no series follows any longer gives back its ring's room.
    func closeRecord() {
        guard isOpen else { return }

        let ring = streams + Int(current.stream)
        if followerPushes < ring.pointee.followers.count {
            for follower in ring.pointee.followers.reversed()
            where queues[Int(follower)].sequence != current.sequence {
                unfollow(queues + Int(follower))
            }
        }
        isOpen = false
        if ring.pointee.followers.isEmpty, ring.pointee.capacity > min(4, limit) {
            ring.pointee.release(in: records)
        }
    }

    /// Holds back `value` of the open record in `series`; returns the series' oldest point,
    /// now final, when the series would hold more than `holdBack` points.
    ///
    /// A follower that took the stream's previous record (nearly every push) puts the value
    /// in the record's slot; once it holds `holdBack` points that slot held its oldest,
    /// whose record has just left the ring, and that point comes out.
    @inline(__always)
    func push(_ value: Double, series: Int) -> Point? {
        // Counted apart: `pushOtherwise` may push again, and `unfollow` uncount a push.
        var pushes = 0
        let point = push(value, series: series, of: current, pushes: &pushes)
        followerPushes += pushes
        return point
    }

    /// `push` for a loop over the open record's values that keeps `record`, a copy of
    /// ``current``, and counts the followers' pushes in `pushes`, both in its own locals,
    /// which the writes of each value do not make it read again; the loop hands the count
    /// to ``notePushes(_:)`` before ``closeRecord()``.
    @inline(__always)
    func push(_ value: Double, series: Int, of record: Current, pushes: inout Int) -> Point? {
        let queue = queues + series
        guard queue.pointee.stream == record.stream,
            queue.pointee.sequence == record.sequence &- 1
        else { return pushOtherwise(value, series: series) }
        queue.pointee.sequence = record.sequence
        pushes += 1
        let values = queue.pointee.values.unsafelyUnwrapped
        guard queue.pointee.count == holdBack else {
            values[record.slot] = value
            queue.pointee.count += 1
            return nil
        }
        let oldest = record.leaving.point(value: values[record.slot])
        values[record.slot] = value
        commit(oldest.step, queue)
        return oldest
    }

    /// Adds `pushes` followers' pushes counted by the caller (see
    /// ``push(_:series:of:pushes:)``) to those of the open record.
    @inline(__always)
    func notePushes(_ pushes: Int) {
        followerPushes += pushes
    }

    /// `push` for a series that does not follow the open record's stream with its previous
    /// record: it starts following the stream when it holds no points, stops following its
    /// stream when it does, and then holds the value in a ring of its own.
    @inline(never)
    private func pushOtherwise(_ value: Double, series: Int) -> Point? {
        let queue = queues + series
        if queue.pointee.stream >= 0 {
            guard queue.pointee.count == 0, queue.pointee.stream == current.stream else {
                unfollow(queue)
                return pushOtherwise(value, series: series)
            }
            queue.pointee.sequence = current.sequence &- 1
            return push(value, series: series)
        }
        if queue.pointee.count == 0, holdBack > 0 {
            follow(series)
            return push(value, series: series)
        }
        return pushOwn(value, queue)
    }

    /// Holds back `value` of the open record in `series` in step order among the series'
    /// held-back points, for a record written after records with later steps. Behind a
    /// point at or after its step that is final already, it can only follow the others.
    func pushLate(_ value: Double, series: Int) -> LatePush {
        let queue = queues + series
        if queue.pointee.stream >= 0 { unfollow(queue) }
        let step = current.record.step
        guard step > queue.pointee.lastCommittedStep else {
            return .behind(pushOwn(value, queue))
        }
        if queue.pointee.count == holdBack, holdBack > 0,
            step < records.step(queue.pointee.records.unsafelyUnwrapped[queue.pointee.head])
        {
            // Older than every held point: final at once, ahead of them.
            let point = current.record.point(value: value)
            commit(point.step, queue)
            return .final(point)
        }
        let final = pushOwn(value, queue)
        sinkNewest(queue)
        return final.map(LatePush.final) ?? .held
    }

    /// The points `series` holds back: its next push makes one final once they are
    /// `holdBack`.
    func heldCount(series: Int) -> Int {
        queues[series].count
    }

    /// Removes and returns the oldest point of `series`, noting its step as committed.
    func popFirst(series: Int) -> Point? {
        let queue = queues + series
        guard queue.pointee.count > 0 else { return nil }
        let point: Point
        if queue.pointee.stream >= 0 {
            let ring = streams + Int(queue.pointee.stream)
            let number = queue.pointee.sequence - queue.pointee.count + 1
            let value = queue.pointee.values.unsafelyUnwrapped[ring.pointee.slot(of: number)]
            point = ring.pointee.record(number).point(value: value)
        } else {
            let head = queue.pointee.head
            point = take(queue, at: head)
            queue.pointee.head = slot(queue, 1)
        }
        queue.pointee.count -= 1
        commit(point.step, queue)
        return point
    }

    /// Notes that a point at `step` was made final.
    @inline(__always)
    func commit(_ step: Double, _ queue: UnsafeMutablePointer<Queue>) {
        if step > queue.pointee.lastCommittedStep {
            queue.pointee.lastCommittedStep = step
        }
    }

    /// Drops the held-back points of `series` at or after `step`; says whether points at or
    /// after it had already been made final (the resume reached further back than the
    /// hold-back), and what non-finite values were dropped.
    func supersede(series: Int, from step: Double) -> Superseded {
        let queue = queues + series
        if queue.pointee.stream >= 0 { unfollow(queue) }
        var kept = 0
        var dropped = Superseded()
        for offset in 0..<queue.pointee.count {
            let from = slot(queue, offset)
            let values = queue.pointee.values.unsafelyUnwrapped
            let records = queue.pointee.records.unsafelyUnwrapped
            let record = records[from]
            let at = self.records.step(record)
            if at >= step {
                dropped.note(values[from], at: at)
                self.records.release(record)
                continue
            }
            let to = slot(queue, kept)
            values[to] = values[from]
            records[to] = record
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

    /// Gives back the room of every empty ring and of the streams' rings, and of the
    /// records once none is referred to: once the run has ended and every point is final,
    /// they are not needed while the reports are made.
    func releaseEmptyRings() {
        for index in 0..<count where queues[index].count == 0 {
            let queue = queues + index
            if queue.pointee.stream >= 0 { unfollow(queue) }
            Self.deallocate(queue.pointee)
            queue.pointee = Queue(lastCommittedStep: queue.pointee.lastCommittedStep)
        }
        for index in 0..<streamCount where streams[index].followers.isEmpty {
            streams[index].release(in: records)
        }
        records.releaseRoomIfUnused()
    }

    private func addStream() {
        if streamCount == streamCapacity {
            streamCapacity *= 2
            streams = streams.moved(count: streamCount, toCapacity: streamCapacity)
        }
        (streams + streamCount).initialize(to: RecordRing())
        streamCount += 1
    }

    /// Grows a stream's ring to `capacity` slots, and its followers' values with it.
    private func grow(_ ring: UnsafeMutablePointer<RecordRing>, to capacity: Int) {
        let oldest = ring.pointee.sequence - ring.pointee.held + 1
        for follower in ring.pointee.followers {
            let queue = queues + Int(follower)
            let old = queue.pointee.values.unsafelyUnwrapped
            let values = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
            for offset in 0..<ring.pointee.held {
                (values + offset).initialize(to: old[ring.pointee.slot(of: oldest + offset)])
            }
            old.deallocate()
            queue.pointee.values = values
            queue.pointee.capacity = capacity
        }
        ring.pointee.grow(to: capacity)
    }

    static func deallocate(_ queue: Queue) {
        queue.values.map { UnsafeMutableRawPointer($0).deallocate() }
    }
}
