/// A detector's state per series: a value for each series it tracks, none for the others.
///
/// Read by series index like an array of optionals; changed through ``update(_:_:)``, which
/// mutates the stored value in place. Mutating an element of an array of optionals
/// (`trackers[index]?.observe(...)`) moves the whole value out and back on every call,
/// which cost more than the per-point work of most trackers.
struct SeriesStates<State> {
    /// The values of the tracked series, in the order they were created.
    private var values: [State] = []
    /// By series index: the position of its value in `values`, or -1 when it has none.
    private var slots: [Int] = []
    /// The ranks of the tracked series added with a share of a budget
    /// (``append(_:sharing:rank:)``).
    var ranks = RankTally()

    /// The series indices, from 0 to the number of series.
    var indices: Range<Int> { slots.indices }

    /// The number of series, tracked or not.
    var count: Int { slots.count }

    /// The value of series `index`, or `nil` when it is not tracked.
    subscript(index: Int) -> State? {
        let slot = slots[index]
        return slot < 0 ? nil : values[slot]
    }

    /// The number of tracked series.
    var trackedCount: Int { values.count }

    /// Drops every value: no series is tracked any longer.
    mutating func removeAll() {
        values = []
        slots = Array(repeating: -1, count: slots.count)
    }

    /// Whether series `index` is tracked.
    func tracks(_ index: Int) -> Bool {
        slots[index] >= 0
    }

    /// Adds the next series with `state`, or untracked when `nil`.
    mutating func append(_ state: State?) {
        guard let state else {
            slots.append(-1)
            return
        }
        slots.append(values.count)
        values.append(state)
    }

    /// Runs `body` on the value of every tracked series in place.
    mutating func updateAll(_ body: (inout State) -> Void) {
        for slot in values.indices { body(&values[slot]) }
    }

    /// Runs `body` on the value of series `index` in place; `nil` when it is not tracked.
    @inline(__always)
    @discardableResult
    mutating func update<Result>(_ index: Int, _ body: (inout State) -> Result) -> Result? {
        let slot = slots[index]
        guard slot >= 0 else { return nil }
        return body(&values[slot])
    }
}
