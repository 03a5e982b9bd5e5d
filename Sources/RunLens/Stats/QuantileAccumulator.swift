/// Quantiles of one stream of values: exact while at most `exactCapacity` values arrived,
/// then from a ``QuantileSketch``.
///
/// When the value that would exceed the capacity arrives, the held values move into a sketch,
/// the buffer is released, and every later value goes to the sketch. Memory is at most
/// `exactCapacity × 8` bytes, or one sketch (≤ 32 KiB) after the switch. Non-finite values
/// are ignored.
public struct QuantileAccumulator: Sendable {
    /// The most values held exactly.
    public private(set) var exactCapacity: Int

    // `spilled` right after `exact` fills the padding behind its flag: 8 bytes less per
    // window, and a run holds thousands of windows.
    private var exact: ExactQuantiles
    private var spilled = false
    private var sketch = QuantileSketch()

    /// Creates an empty accumulator holding up to `exactCapacity` values exactly (a negative
    /// capacity counts as 0: every value goes to the sketch), with room for `expected` of
    /// them at once when the capacity is larger than that.
    public init(exactCapacity: Int, expected: Int = 0) {
        let capacity = Swift.max(0, exactCapacity)
        let room =
            capacity <= Self.reservedCapacity
            ? capacity : Swift.min(Swift.max(0, expected), capacity)
        self.exactCapacity = capacity
        // Each stored property set once: an empty buffer replaced by a reserved one made the
        // compiler copy and destroy a whole accumulator (a retain and a release of each of
        // its buffers) for every window opened.
        exact = ExactQuantiles(reservingCapacity: room)
    }

    /// Up to this capacity the exact buffer takes its full room at once (a window's share of
    /// a spent budget, 16 values with 80 series): one allocation instead of one per doubling.
    static var reservedCapacity: Int { 64 }

    /// Whether quantiles are still computed from every value.
    public var isExact: Bool { !spilled }

    /// How many finite values were added.
    public var count: Int { spilled ? sketch.count : exact.count }

    /// How many values are held exactly (none once spilled).
    var exactCount: Int { spilled ? 0 : exact.count }

    /// Adds one value; non-finite values are ignored.
    @inline(__always)
    public mutating func add(_ value: Double) {
        guard value.isFinite else { return }

        if !spilled {
            if exact.count < exactCapacity {
                exact.append(value)
                return
            }
            spill()
        }
        sketch.add(value)
    }

    /// Adds each of `values` in order, as ``add(_:)`` would one by one: in one copy when they
    /// all fit in the exact buffer, in one call of the sketch once spilled (also for the rest
    /// of `values` when they spill it).
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        if spilled { return sketch.add(contentsOf: values) }
        guard values.count <= exactCapacity - exact.count else {
            var next = 0
            while !spilled, next < values.count {
                add(values[next])
                next += 1
            }
            sketch.add(contentsOf: UnsafeBufferPointer(rebasing: values[next...]))
            return
        }

        exact.append(contentsOf: values)
    }

    /// Adds `values`, every one finite, as ``add(contentsOf:)`` would.
    mutating func add(finiteValues values: UnsafeBufferPointer<Double>) {
        if spilled { return sketch.add(contentsOf: values) }
        guard values.count <= exactCapacity - exact.count else { return spill(adding: values) }

        exact.append(finiteValues: values)
    }

    /// Spills, then adds `values`, every one finite and more than the exact buffer has room
    /// for: the sketch takes the held values and then `values`, as adding them one by one
    /// would, in one call when both fit in one indexing pass, so that each store is built
    /// once instead of from the held values and then grown.
    private mutating func spill(adding values: UnsafeBufferPointer<Double>) {
        let held = exact.values
        let total = held.count + values.count
        guard total <= QuantileSketch.indexedAtOnce, sketch.storesAreEmpty else {
            spill()
            return sketch.add(contentsOf: values)
        }

        exact = ExactQuantiles()
        spilled = true
        withUnsafeTemporaryAllocation(of: Double.self, capacity: total) { buffer in
            let heldEnd = buffer.initialize(fromContentsOf: held)
            _ = buffer[heldEnd...].initialize(fromContentsOf: values)
            sketch.add(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// Adds every value of `other`, staying exact when both are exact and the union fits.
    public mutating func merge(_ other: QuantileAccumulator) {
        if !spilled, !other.spilled, exact.count + other.exact.count <= exactCapacity {
            exact.append(contentsOf: other.exact)
            return
        }

        spill()
        if other.spilled {
            sketch.merge(other.sketch)
        } else {
            sketch.add(contentsOf: other.exact.values)
        }
    }

    /// p50, p95 and p99, or `nil` when no finite value was added. Reorders the exact buffer in
    /// place.
    public mutating func percentiles() -> Percentiles? {
        if spilled {
            guard let p50 = sketch.quantile(0.5), let p95 = sketch.quantile(0.95),
                let p99 = sketch.quantile(0.99)
            else { return nil }
            return Percentiles(p50: p50, p95: p95, p99: p99, isExact: false)
        }

        return exact.percentiles()
    }

    /// A sketch of every value added (built from the exact values while still exact), for
    /// storing and merging later.
    public func makeSketch() -> QuantileSketch {
        guard !spilled else { return sketch }

        var built = QuantileSketch()
        built.add(contentsOf: exact.values)
        return built
    }

    /// Lowers or raises the exact capacity; more values than the new capacity move to the
    /// sketch at once.
    public mutating func setExactCapacity(_ capacity: Int) {
        exactCapacity = Swift.max(0, capacity)
        if exact.count > exactCapacity { spill() }
    }

    /// Gives back the room the sketch holds beyond its buckets, once spilled; the exact
    /// buffer keeps its room, which is within the budget it was given.
    mutating func fitSketch() {
        guard spilled else { return }
        sketch.fitCapacity()
    }

    /// Forgets every value, keeping the exact buffer's capacity for reuse.
    public mutating func removeAll() {
        exact.removeAll()
        sketch = QuantileSketch()
        spilled = false
    }

    private mutating func spill() {
        guard !spilled else { return }

        sketch.add(contentsOf: exact.values)
        exact = ExactQuantiles()
        spilled = true
    }
}
