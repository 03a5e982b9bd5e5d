/// The values of one series gathered so far in one window.
struct WindowState: Sendable {
    /// The window's index: it covers `index · width ≤ position < (index + 1) · width`.
    var index: Int

    var summary = SummaryStats()

    var quantiles: QuantileAccumulator

    /// The series' moving average right after this window's latest arrival.
    var ema: Double?

    /// The series-wide arrival number of this window's latest value; decides whose average
    /// a merged window keeps.
    var lastArrival = 0

    /// Creates window `index` holding up to `exactCapacity` values exactly, with room for
    /// `expected` of them at once.
    init(index: Int, exactCapacity: Int, expected: Int = 0) {
        self.index = index
        quantiles = QuantileAccumulator(exactCapacity: exactCapacity, expected: expected)
    }

    @inline(__always)
    mutating func add(position: Double, value: Double, ema: Double?, arrival: Int) {
        summary.add(position: position, value: value)
        quantiles.add(value)
        self.ema = ema
        lastArrival = arrival
    }

    /// Takes in the values of `other`, the next window of the same series, which is left as it
    /// was: `inout` only so that a window of the same buffer is passed in place rather than
    /// copied (a retain and a release of each of its buffers).
    mutating func merge(_ other: inout WindowState) {
        summary.merge(other.summary)
        quantiles.merge(other.quantiles)
        if other.lastArrival > lastArrival {
            ema = other.ema
            lastArrival = other.lastArrival
        }
    }

    /// Clears the window for reuse as window `index`, keeping buffer capacity.
    mutating func reset(index: Int, exactCapacity: Int) {
        self.index = index
        summary = SummaryStats()
        quantiles.removeAll()
        quantiles.setExactCapacity(exactCapacity)
        ema = nil
        lastArrival = 0
    }

    /// The window's statistics for windows `width` wide; reorders the exact values in place.
    mutating func stats(width: Double) -> WindowStats {
        WindowStats(
            windowStart: Double(index) * width, windowEnd: Double(index + 1) * width,
            summary: summary, percentiles: quantiles.percentiles(), ema: ema)
    }
}
