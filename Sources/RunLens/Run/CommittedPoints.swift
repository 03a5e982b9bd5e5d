/// The final points of an ``ObserverBatch``, in a manually managed buffer that doubles when
/// full, up to ``doublingLimit`` points, and grows by an eighth past that: the assembler
/// appends each point as it becomes final, without the uniqueness check an array makes on
/// every append and without gathering them elsewhere first.
///
/// It is a class, so copies of a batch share their points; a batch has one owner at a time
/// (the assembler while it fills, the observer thread while it delivers, the queue's spares
/// in between), which is the only one that touches them.
final class CommittedPoints: RandomAccessCollection {
    /// The room past which the buffer grows by an eighth: a batch is handed on once it holds
    /// 8,192 points, at the end of a record, so it holds a few more, and doubling then would
    /// leave nearly half of each of the batches in flight unused (at 128 ranks, 0.7 MB).
    static let doublingLimit = 8192

    private var base: UnsafeMutablePointer<CommittedPoint>
    /// The points there is room for before the buffer grows.
    private(set) var capacity: Int
    /// The points held.
    private(set) var count = 0

    /// Creates an empty buffer with room for `capacity` points before it grows.
    init(capacity: Int = 64) {
        self.capacity = Swift.max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> CommittedPoint {
        precondition(position >= 0 && position < count, "point index out of range")
        return base[position]
    }

    /// Adds `point` after the others.
    @inline(__always)
    func append(_ point: CommittedPoint) {
        if count == capacity { grow() }
        (base + count).initialize(to: point)
        count += 1
    }

    /// The place of the next point, with room for `extra` points from there: a caller that
    /// makes up to `extra` points writes them there itself, one after another, keeping the
    /// place in a local, and then hands the place past the last to ``appended(upTo:)``, with
    /// no other append in between.
    @inline(__always)
    func reserve(_ extra: Int) -> UnsafeMutablePointer<CommittedPoint> {
        if count + extra > capacity { grow(toHold: count + extra) }
        return base + count
    }

    /// Takes the points written from the place ``reserve(_:)`` gave up to `end`.
    @inline(__always)
    func appended(upTo end: UnsafeMutablePointer<CommittedPoint>) {
        count = end - base
    }

    /// Forgets every point, keeping the room for reuse.
    func removeAll() {
        count = 0
    }

    /// Runs `body` on the points, in order.
    func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<CommittedPoint>) throws -> Result
    ) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Doubles the room (grows it by an eighth past ``doublingLimit``), as often as it takes
    /// to hold `points`, or once; out of line so that `append` stays small where it is
    /// inlined.
    @inline(never)
    private func grow(toHold points: Int = 0) {
        repeat {
            capacity += capacity < Self.doublingLimit ? capacity : capacity / 8
        } while capacity < points
        base = base.moved(count: count, toCapacity: capacity)
    }
}
