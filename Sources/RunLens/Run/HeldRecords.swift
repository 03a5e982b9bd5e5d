/// The step, time, line and file of each record whose points are held back in a ring of
/// their series' own (``PendingQueues``), stored once however many series the record feeds:
/// such a point is its value and the index of its record's entry here.
///
/// An entry lives while something refers to it (a count per entry: the points, and the
/// stream's ``RecordRing`` while the record is in it) and is then reused, so there are
/// never many more entries than such points: a series that gets a point only now and then
/// keeps the entries of its old records. The entries live in a manually managed buffer that
/// grows by half when full, freed with the records: the entries in use level off just past
/// a power of two (a rank's 512 held-back records times a power-of-two number of ranks),
/// where doubling would leave nearly half the buffer unused.
final class HeldRecords {
    /// One record's position, and how many points refer to it.
    private struct Entry {
        var step: Double
        var time: Double
        var line: Int32
        var file: Int32
        /// The points that refer to the entry, plus one while its record is read.
        var references: Int32
        /// The next free entry while this one is free, else -1.
        var nextFree: Int32
    }

    private var entries: UnsafeMutablePointer<Entry>
    /// The entries there is room for before the buffer grows.
    private(set) var capacity: Int
    /// Entries handed out at least once; those above were never used.
    private var used = 0
    private var firstFree: Int32 = -1
    /// The entries in use.
    private(set) var live = 0

    /// Creates an empty store with room for `capacity` entries before it grows.
    init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        entries = .allocate(capacity: self.capacity)
    }

    deinit {
        entries.deallocate()
    }

    /// Stores a record's position and returns its index, with one reference: the record
    /// being read, dropped by ``release(_:)`` when it has been.
    func add(step: Double, time: Double, line: Int32, file: Int32) -> Int32 {
        let index: Int32
        if firstFree >= 0 {
            index = firstFree
            firstFree = entries[Int(index)].nextFree
        } else {
            index = fresh()
        }
        (entries + Int(index)).initialize(
            to: Entry(
                step: step, time: time, line: line, file: file, references: 1, nextFree: -1))
        live += 1
        return index
    }

    /// Notes one more point of the record at `index`.
    @inline(__always)
    func retain(_ index: Int32) {
        entries[Int(index)].references += 1
    }

    /// Notes that a point of the record at `index` (or the reading of it) is gone; the
    /// entry is free for reuse once nothing refers to it.
    @inline(__always)
    func release(_ index: Int32) {
        let entry = entries + Int(index)
        entry.pointee.references -= 1
        guard entry.pointee.references == 0 else { return }

        entry.pointee.nextFree = firstFree
        firstFree = index
        live -= 1
    }

    /// The step of the record at `index`.
    @inline(__always)
    func step(_ index: Int32) -> Double {
        entries[Int(index)].step
    }

    /// The point of the record at `index` with `value`.
    @inline(__always)
    func point(_ index: Int32, value: Double) -> Point {
        let entry = entries + Int(index)
        return Point(
            step: entry.pointee.step, time: entry.pointee.time, value: value,
            line: entry.pointee.line, file: entry.pointee.file)
    }

    /// Gives back the room of the entries when none is in use: once every point is final,
    /// they are not needed while the reports are made.
    func releaseRoomIfUnused() {
        guard live == 0, capacity > 1 else { return }

        entries.deallocate()
        capacity = 1
        entries = .allocate(capacity: capacity)
        used = 0
        firstFree = -1
    }

    /// The index of an entry never used before, growing the buffer by half when it is full.
    /// There are at most as many entries as held-back points, each 12 bytes, so an index past
    /// `Int32.max` would need more than 24 GiB of them.
    private func fresh() -> Int32 {
        if used == capacity {
            capacity += max(1, capacity / 2)
            entries = entries.moved(count: used, toCapacity: capacity)
        }
        used += 1
        return Int32(used - 1)
    }
}
