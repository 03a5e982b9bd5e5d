/// The last `capacity` values of a series, with their running sum, in a ring.
///
/// Appending is O(1); the sum is recomputed once per lap of the ring so rounding cannot
/// drift over a long run. The median sorts a copy into a scratch buffer the caller owns,
/// so the window itself never allocates after it is full.
struct TrailingWindow {
    /// How many values the window keeps.
    let capacity: Int
    private var storage: [Double] = []
    private var next = 0
    private var sum = 0.0

    /// Creates an empty window of `capacity` values (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(self.capacity)
    }

    /// The number of values held.
    var count: Int { storage.count }

    /// True when nothing is held.
    var isEmpty: Bool { storage.isEmpty }

    /// The mean of the values held, or `nil` when empty.
    var mean: Double? { storage.isEmpty ? nil : sum / Double(storage.count) }

    /// The oldest value held, or `nil` when empty.
    var oldest: Double? {
        guard !storage.isEmpty else { return nil }
        return storage.count < capacity ? storage[0] : storage[next]
    }

    /// The newest value held, or `nil` when empty.
    var newest: Double? {
        guard !storage.isEmpty else { return nil }
        return storage.count < capacity
            ? storage[storage.count - 1] : storage[(next + capacity - 1) % capacity]
    }

    /// The values held, oldest first.
    var ordered: [Double] {
        guard storage.count == capacity else { return storage }
        return Array(storage[next...] + storage[..<next])
    }

    /// Adds `value`, forgetting the oldest when full.
    ///
    /// Inlined for a full window; filling it and the resum once a lap are out of line, so
    /// the callers' paths (several a point) carry no call and none of their register saves.
    /// The sum is recomputed when the window fills and each time the ring's next slot comes
    /// back to the start: every `capacity` appends from the first, with no count of its own.
    @inline(__always)
    mutating func append(_ value: Double) {
        guard storage.count == capacity else { return fill(value) }

        sum += value - storage[next]
        storage[next] = value
        next = next + 1 == capacity ? 0 : next + 1
        if next == 0 { resum() }
    }

    /// Appends `value` to a window not yet full, and recomputes the sum once it is.
    @inline(never)
    private mutating func fill(_ value: Double) {
        storage.append(value)
        sum += value
        if storage.count == capacity { resum() }
    }

    /// Recomputes the sum from the values held, once a lap so rounding cannot drift.
    @inline(never)
    private mutating func resum() {
        sum = storage.reduce(0, +)
    }

    /// Forgets every value.
    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        next = 0
        sum = 0
    }

    /// The median of the values held, selected in a copy in `scratch` in linear expected
    /// time; `nil` when empty. Non-finite values must not be appended.
    func median(scratch: inout [Double]) -> Double? {
        copy(into: &scratch)
        return Self.median(of: &scratch)
    }

    /// Replaces the contents of `values` with the values held, in storage order.
    func copy(into values: inout [Double]) {
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: storage)
    }

    /// The median of `values`, which it reorders; `nil` when empty.
    static func median(of values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        select(middle, in: &values)
        guard values.count % 2 == 0 else { return values[middle] }
        let below = values[..<middle].max() ?? values[middle]
        return (below + values[middle]) / 2
    }

    /// Reorders `values` so that `values[k]` is the k-th smallest, smaller ones before it
    /// and larger ones after (Hoare's selection with a median-of-three pivot).
    static func select(_ k: Int, in values: inout [Double]) {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let pivot = max(
                min(values[low], values[middle]),
                min(max(values[low], values[middle]), values[high]))
            var left = low
            var right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while values[right] > pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if k <= right {
                high = right
            } else if k >= left {
                low = left
            } else {
                return
            }
        }
    }
}
