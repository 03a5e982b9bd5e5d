/// The last `capacity` values of a series, also kept in ascending order, so that their
/// median is read rather than selected.
///
/// Appending is O(capacity): the oldest value leaves the sorted values and the new one
/// takes its place, moved along to where it belongs. Meant for short windows whose median
/// is asked for about as often as a value comes (a drop detector's baseline of window
/// means), where a selection in a copy at every question cost far more. Non-finite values
/// must not be appended.
struct MedianWindow {
    /// How many values the window keeps.
    let capacity: Int
    /// The values in the order they came, a ring once full: the oldest at `next`.
    private var arrivals: [Double] = []
    private var next = 0
    /// The same values, ascending.
    private var sorted: [Double] = []

    /// Creates an empty window of `capacity` values (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        arrivals.reserveCapacity(self.capacity)
        sorted.reserveCapacity(self.capacity)
    }

    /// The number of values held.
    var count: Int { sorted.count }

    /// The median of the values held (the mean of the middle two for an even count), or
    /// `nil` when empty.
    var median: Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        guard sorted.count % 2 == 0 else { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Adds `value`, forgetting the oldest when full.
    mutating func append(_ value: Double) {
        guard arrivals.count == capacity else {
            arrivals.append(value)
            sorted.insert(value, at: Self.firstIndex(notBelow: value, in: sorted))
            return
        }
        let oldest = arrivals[next]
        arrivals[next] = value
        next = next + 1 == capacity ? 0 : next + 1
        replace(oldest, with: value)
    }

    /// Forgets every value.
    mutating func removeAll() {
        arrivals.removeAll(keepingCapacity: true)
        sorted.removeAll(keepingCapacity: true)
        next = 0
    }

    /// Puts `value` in the place of one value equal to `old`, moving the values between
    /// that place and `value`'s own one step over.
    private mutating func replace(_ old: Double, with value: Double) {
        var slot = Self.firstIndex(notBelow: old, in: sorted)
        sorted.withUnsafeMutableBufferPointer { sorted in
            if value > old {
                while slot + 1 < sorted.count, sorted[slot + 1] < value {
                    sorted[slot] = sorted[slot + 1]
                    slot += 1
                }
            } else {
                while slot > 0, sorted[slot - 1] > value {
                    sorted[slot] = sorted[slot - 1]
                    slot -= 1
                }
            }
            sorted[slot] = value
        }
    }

    /// The first position in ascending `values` whose value is not below `value`.
    private static func firstIndex(notBelow value: Double, in values: [Double]) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
