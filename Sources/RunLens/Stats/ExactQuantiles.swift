/// Exact quantiles of a set of values kept in one reusable buffer.
///
/// **Definition.** Quantiles use linear interpolation between order statistics, NumPy's
/// default `method="linear"` (Hyndman and Fan type 7, also R's default): for sorted values
/// `x[0] ≤ … ≤ x[n−1]` and `q` in `[0, 1]`, let `h = q·(n−1)`, `j = ⌊h⌋`; the
/// quantile is `x[j] + (h − j)·(x[j+1] − x[j])`, or `x[n−1]` when
/// `j = n−1`. So the values 1…10 have p50 = 5.5, p95 = 9.55 and p99 = 9.91.
///
/// ``quantile(_:)`` sorts the buffer in place on its first call after an out-of-order append
/// (values appended in non-decreasing order are never re-sorted); ``percentiles()`` only
/// places the order statistics it needs, in O(n) expected time. Clearing keeps the capacity,
/// so a warmed-up instance does not allocate per value. Memory: 8 bytes per value held.
public struct ExactQuantiles: Sendable, Equatable {
    /// The values held, sorted after any quantile query.
    public internal(set) var values: [Double] = []

    var isSorted = true

    /// Creates an empty buffer with room for `capacity` values.
    public init(reservingCapacity capacity: Int = 0) {
        // Even a capacity of 0 costs a call on the empty array, and a run opens thousands of
        // windows with none.
        if capacity > 0 { values.reserveCapacity(capacity) }
    }

    /// How many values are held.
    public var count: Int { values.count }

    /// Appends a value; non-finite values are ignored (they have no place in an order).
    @inline(__always)
    public mutating func append(_ value: Double) {
        guard value.isFinite else { return }

        if let last = values.last, value < last { isSorted = false }
        values.append(value)
    }

    /// Appends each of `values` in order, as ``append(_:)`` would one by one: in one copy when
    /// all are finite.
    public mutating func append(contentsOf values: UnsafeBufferPointer<Double>) {
        var previous = self.values.last ?? -Double.infinity
        var sorted = isSorted
        for value in values {
            guard value.isFinite else {
                for value in values { append(value) }
                return
            }
            if value < previous { sorted = false }
            previous = value
        }

        isSorted = sorted
        self.values.append(contentsOf: values)
    }

    /// Appends `values`, every one finite, as ``append(_:)`` would one by one: in one copy,
    /// looking at their order only while the buffer is still sorted.
    mutating func append(finiteValues values: UnsafeBufferPointer<Double>) {
        if isSorted {
            var previous = self.values.last ?? -Double.infinity
            for value in values {
                if value < previous {
                    isSorted = false
                    break
                }
                previous = value
            }
        }
        self.values.append(contentsOf: values)
    }

    /// Appends every value held by `other`.
    public mutating func append(contentsOf other: ExactQuantiles) {
        if let last = values.last, let first = other.values.first {
            isSorted = isSorted && other.isSorted && first >= last
        } else if values.isEmpty {
            isSorted = other.isSorted
        }
        values.append(contentsOf: other.values)
    }

    /// Removes every value, keeping the buffer's capacity for reuse.
    public mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        isSorted = true
    }

    /// The `q`-quantile by linear interpolation (`q` clamped to `[0, 1]`), or `nil` when
    /// empty or `q` is NaN. Sorts the buffer first if needed: O(n log n) once, then O(1).
    public mutating func quantile(_ q: Double) -> Double? {
        if !isSorted {
            values.sort()
            isSorted = true
        }
        return Self.linear(sorted: values, q)
    }

    /// The `q`-quantile of already sorted finite values by linear interpolation (`q` clamped
    /// to `[0, 1]`), or `nil` when `sorted` is empty or `q` is NaN.
    public static func linear(sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty, !q.isNaN else { return nil }

        let h = Swift.min(Swift.max(q, 0), 1) * Double(sorted.count - 1)
        let j = Int(h.rounded(.down))
        guard j < sorted.count - 1 else { return sorted[sorted.count - 1] }

        return interpolate(sorted[j], sorted[j + 1], h - Double(j))
    }

    /// `a + t·(b − a)`, computed from the nearer end as NumPy does, so `t = 0` gives `a`,
    /// `t = 1` gives `b`, and the result is monotonic in `t`.
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t < 0.5 ? a + difference * t : b - difference * (1 - t)
    }
}
