/// p50, p95 and p99 by selection instead of sorting: the few order statistics they need are
/// placed with an introspective quickselect, O(n) expected, with a sort of the remaining range
/// as fallback so the worst case stays O(n log n).
extension ExactQuantiles {
    /// p50, p95 and p99 by linear interpolation, or `nil` when empty. Reorders the buffer in
    /// place (without sorting it) unless already sorted; no allocation.
    public mutating func percentiles() -> Percentiles? {
        guard !values.isEmpty else { return nil }

        if isSorted {
            guard let p50 = Self.linear(sorted: values, 0.5),
                let p95 = Self.linear(sorted: values, 0.95),
                let p99 = Self.linear(sorted: values, 0.99)
            else { return nil }
            return Percentiles(p50: p50, p95: p95, p99: p99, isExact: true)
        }

        return values.withUnsafeMutableBufferPointer { buffer in
            var placed = 0
            let p50 = Self.selectQuantile(0.5, in: buffer, placed: &placed)
            let p95 = Self.selectQuantile(0.95, in: buffer, placed: &placed)
            let p99 = Self.selectQuantile(0.99, in: buffer, placed: &placed)
            return Percentiles(p50: p50, p95: p95, p99: p99, isExact: true)
        }
    }

    /// The `q`-quantile, placing the order statistics it needs; `placed` is the first index
    /// not yet known to hold its final order statistic (levels must come in increasing order).
    private static func selectQuantile(
        _ q: Double, in buffer: UnsafeMutableBufferPointer<Double>, placed: inout Int
    ) -> Double {
        let h = q * Double(buffer.count - 1)
        let j = Int(h.rounded(.down))
        let low = orderStatistic(j, in: buffer, placed: &placed)
        guard j < buffer.count - 1, h > Double(j) else { return low }

        let high = orderStatistic(j + 1, in: buffer, placed: &placed)
        return interpolate(low, high, h - Double(j))
    }

    private static func orderStatistic(
        _ rank: Int, in buffer: UnsafeMutableBufferPointer<Double>, placed: inout Int
    ) -> Double {
        if rank == placed, rank > 0 {
            // The next rank after one placed (the upper neighbour of an interpolation): the
            // smallest of the rest, found in one pass instead of a selection.
            moveSmallest(in: buffer, to: rank)
            placed = rank + 1
        } else if rank >= placed {
            select(rank, in: buffer, from: placed)
            placed = rank + 1
        }
        return buffer[rank]
    }

    /// Swaps the smallest value of `buffer[position...]` to `position`.
    private static func moveSmallest(
        in buffer: UnsafeMutableBufferPointer<Double>, to position: Int
    ) {
        var smallest = position
        for index in (position + 1)..<buffer.count where buffer[index] < buffer[smallest] {
            smallest = index
        }
        buffer.swapAt(position, smallest)
    }

    /// Moves the `rank`-th smallest value of `buffer[from...]` to index `rank`, smaller or
    /// equal ones before it and larger or equal ones after (Hoare's FIND with a median-of-
    /// three pivot). Values must be finite.
    static func select(_ rank: Int, in buffer: UnsafeMutableBufferPointer<Double>, from: Int) {
        var low = from
        var high = buffer.count - 1
        var rounds = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 8
        while low < high {
            guard rounds > 0 else {
                var range = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                range.sort()
                return
            }
            rounds -= 1

            let pivot = medianOfThree(buffer, low, high)
            var i = low
            var j = high
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while pivot < buffer[j] { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }

            if j < rank { low = i }
            if rank < i { high = j }
        }
    }

    /// Orders the first, middle and last value of `low...high` and returns the middle one.
    private static func medianOfThree(
        _ buffer: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int
    ) -> Double {
        let middle = low + (high - low) / 2
        if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
        if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
        if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
        return buffer[middle]
    }
}
