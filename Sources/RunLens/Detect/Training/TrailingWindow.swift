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
    private var appendsSinceResum = 0

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
    mutating func append(_ value: Double) {
        if storage.count < capacity {
            storage.append(value)
            sum += value
        } else {
            sum += value - storage[next]
            storage[next] = value
            next = (next + 1) % capacity
        }

        appendsSinceResum += 1
        if appendsSinceResum >= capacity {
            sum = storage.reduce(0, +)
            appendsSinceResum = 0
        }
    }

    /// Forgets every value.
    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        next = 0
        sum = 0
        appendsSinceResum = 0
    }

    /// The median of the values held, sorting a copy in `scratch`; `nil` when empty.
    func median(scratch: inout [Double]) -> Double? {
        guard !storage.isEmpty else { return nil }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: storage)
        scratch.sort()
        let middle = scratch.count / 2
        if scratch.count % 2 == 1 { return scratch[middle] }
        return (scratch[middle - 1] + scratch[middle]) / 2
    }
}
