/// Where one record sits: its step and time, and the line and file it came from.
struct HeldRecord {
    var step: Double
    var time: Double
    var line: Int32
    var file: Int32

    /// The point of this record with `value`.
    @inline(__always)
    func point(value: Double) -> Point {
        Point(step: step, time: time, value: value, line: line, file: file)
    }
}

/// One stream's newest records, oldest first, numbered in the order they came: the records
/// whose points the series that follow the stream hold back (see ``PendingQueues``).
///
/// A follower keeps its values in the slots of their records here, so the ring's layout is
/// theirs too: it grows (by doubling, up to the hold-back) only while it has followers, and
/// ``PendingQueues`` lays their values out anew with it. Once full, each new record takes
/// the slot of the oldest, which stays at hand as ``leaving`` until the next record, for
/// the followers that give back their point of it. The ring also keeps, per slot, the entry
/// in ``HeldRecords`` made for its record when a series with a ring of its own took a point
/// of it, or a follower stopped following; the ring holds one reference to each, so every
/// point of one record shares one entry.
struct RecordRing {
    /// The records, `capacity` slots, `held` of them in use.
    private(set) var records: UnsafeMutablePointer<HeldRecord>?
    /// Entries in ``HeldRecords`` by slot, -1 where none was made; allocated at the first.
    private(set) var entries: UnsafeMutablePointer<Int32>?
    private(set) var capacity = 0
    private(set) var held = 0
    /// The slot of the newest record.
    private(set) var newest = -1
    /// The number of the newest record in the stream, from 0.
    private(set) var sequence = -1
    /// The record the newest one pushed out of the full ring, and its entry (or -1).
    private(set) var leaving: HeldRecord?
    private(set) var leavingEntry: Int32 = -1
    /// The series that follow the ring.
    var followers: [Int32] = []

    /// The slot of record number `number`, which the ring holds.
    @inline(__always)
    func slot(of number: Int) -> Int {
        let slot = newest - (sequence - number)
        return slot < 0 ? slot + capacity : slot
    }

    /// Record number `number`: one the ring holds, or the one that left it last.
    func record(_ number: Int) -> HeldRecord {
        if let leaving, number == sequence - capacity { return leaving }
        return records.unsafelyUnwrapped[slot(of: number)]
    }

    /// The slots the ring would have after growing: while followers need more room and the
    /// ring is full, twice as many, at most `limit`, and at least four; the same otherwise.
    func grownCapacity(limit: Int) -> Int {
        guard held == capacity, capacity < limit, capacity == 0 || !followers.isEmpty else {
            return capacity
        }
        return min(max(capacity * 2, 4), limit)
    }

    /// Lays the held records out oldest first in `capacity` slots.
    mutating func grow(to capacity: Int) {
        let larger = UnsafeMutablePointer<HeldRecord>.allocate(capacity: capacity)
        let oldest = sequence - held + 1
        for offset in 0..<held {
            (larger + offset).initialize(to: records.unsafelyUnwrapped[slot(of: oldest + offset)])
        }
        if let entries {
            let moved = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            moved.initialize(repeating: -1, count: capacity)
            for offset in 0..<held { moved[offset] = entries[slot(of: oldest + offset)] }
            entries.deallocate()
            self.entries = moved
        }
        records?.deallocate()
        records = larger
        self.capacity = capacity
        newest = held - 1
    }

    /// Takes the next record; when the ring is full it takes the oldest's slot, and the
    /// oldest becomes ``leaving``. The entry of the record that left before is released.
    mutating func append(_ record: HeldRecord, releasingIn store: HeldRecords) {
        if leavingEntry >= 0 { store.release(leavingEntry) }
        leavingEntry = -1
        leaving = nil
        newest = newest + 1 == capacity ? 0 : newest + 1
        sequence += 1
        if held == capacity {
            leaving = records.unsafelyUnwrapped[newest]
            if let entries {
                leavingEntry = entries[newest]
                entries[newest] = -1
            }
        } else {
            held += 1
        }
        records.unsafelyUnwrapped[newest] = record
    }

    /// The entry in `store` of record number `number` (held, or the one that left last),
    /// made when the first point needs it; the ring keeps one reference to it.
    mutating func entry(_ number: Int, in store: HeldRecords) -> Int32 {
        if let leaving, number == sequence - capacity {
            if leavingEntry < 0 { leavingEntry = Self.add(leaving, to: store) }
            return leavingEntry
        }
        if entries == nil {
            entries = .allocate(capacity: capacity)
            entries.unsafelyUnwrapped.initialize(repeating: -1, count: capacity)
        }
        let slot = slot(of: number)
        if entries.unsafelyUnwrapped[slot] < 0 {
            entries.unsafelyUnwrapped[slot] = Self.add(records.unsafelyUnwrapped[slot], to: store)
        }
        return entries.unsafelyUnwrapped[slot]
    }

    /// Gives back the ring's room and its references to entries in `store`, keeping the
    /// count of records: for a ring no series follows, between its records.
    mutating func release(in store: HeldRecords) {
        if let entries {
            for slot in 0..<capacity where entries[slot] >= 0 { store.release(entries[slot]) }
            entries.deallocate()
        }
        if leavingEntry >= 0 { store.release(leavingEntry) }
        records?.deallocate()
        (records, entries, leaving, leavingEntry) = (nil, nil, nil, -1)
        (capacity, held, newest) = (0, 0, -1)
    }

    private static func add(_ record: HeldRecord, to store: HeldRecords) -> Int32 {
        store.add(step: record.step, time: record.time, line: record.line, file: record.file)
    }
}
