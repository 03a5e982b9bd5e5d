import Foundation

/// The domain of an axis and its labelled ticks, at round values.
struct AxisTicks: Equatable {
    /// The lowest and highest value the axis shows.
    var lower: Double
    var upper: Double
    /// Tick positions, ascending, inside the domain.
    var values: [Double]
    /// One label per tick.
    var labels: [String]

    /// Ticks at 1, 2 or 5 × 10ᵏ over `minimum…maximum` (Heckbert's "nice numbers"), at most
    /// about `maxTicks` of them. With `widen` the domain grows to whole ticks (a y axis);
    /// without, it stays the data range and only ticks inside it are kept (an x axis).
    static func linear(
        minimum: Double, maximum: Double, maxTicks: Int = 6, widen: Bool = true
    ) -> AxisTicks {
        var low = minimum
        var high = maximum
        if !(high > low) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        // Values of both signs near the largest double span more than a double holds: the
        // axis stops at ±1e307 and draws them past its ends.
        if !(high - low).isFinite {
            low = max(low, -1e307)
            high = min(high, 1e307)
        }
        let range = niceNumber(high - low, round: false)
        let step = niceNumber(range / Double(max(maxTicks - 1, 1)), round: true)
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        var values: [Double] = []
        var index = first
        while index <= last && values.count < 100 {
            values.append(index * step)
            index += 1
        }
        var lower = first * step
        var upper = last * step
        if !widen {
            lower = low
            upper = high
            values = values.filter { $0 >= low - step * 1e-9 && $0 <= high + step * 1e-9 }
        }
        return AxisTicks(
            lower: lower, upper: upper, values: values,
            labels: values.map { ChartNumber.label($0, step: step) })
    }

    /// Ticks for a log axis over `minimum…maximum` (both positive): whole decades when the
    /// range spans several, else 1-2-5, 1-2-3-5-7 or 1…9 multiples, else linear ticks. The
    /// domain is the data range widened by a twentieth of its span on each side, but never
    /// past the finite positive doubles: a loss near 1e308 widened would be infinite.
    static func logarithmic(minimum: Double, maximum: Double) -> AxisTicks {
        var low = log10(minimum)
        var high = log10(maximum)
        if !(high > low) {
            low -= 0.3
            high += 0.3
        }
        let pad = (high - low) / 20
        let lower = max(pow(10, low - pad), .leastNonzeroMagnitude)
        let upper = min(pow(10, high + pad), .greatestFiniteMagnitude)
        for multipliers in [[1.0], [1, 2, 5], [1, 2, 3, 5, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]] {
            let values = decadeTicks(lower, upper, multipliers)
            if values.count >= 3 {
                let thinned = thin(values, to: 8)
                return AxisTicks(
                    lower: lower, upper: upper, values: thinned,
                    labels: thinned.map { ChartNumber.label($0) })
            }
        }
        var fallback = linear(minimum: lower, maximum: upper, maxTicks: 5)
        let kept = fallback.values.indices.filter {
            fallback.values[$0] >= lower && fallback.values[$0] <= upper
        }
        fallback.values = kept.map { fallback.values[$0] }
        fallback.labels = kept.map { fallback.labels[$0] }
        fallback.lower = lower
        fallback.upper = upper
        return fallback
    }

    /// The round number near `value`: rounded (1, 2, 5, 10) or at least as large (ceiling).
    static func niceNumber(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let exponent = log10(value).rounded(.down)
        let power = pow(10, exponent)
        let fraction = value / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    private static func decadeTicks(
        _ lower: Double, _ upper: Double, _ multipliers: [Double]
    ) -> [Double] {
        // Release builds convert without checks: a bound that is not a finite positive number
        // would give a nonsense exponent, and this loop would not end.
        guard lower > 0, upper.isFinite, upper >= lower else { return [] }
        let first = Int(log10(lower).rounded(.down))
        let last = Int(log10(upper).rounded(.up))
        // The finite positive doubles span 633 decades: every axis fits.
        guard last - first < 700 else { return [] }
        var values: [Double] = []
        for exponent in first...last {
            for multiplier in multipliers {
                let value = multiplier * pow(10, Double(exponent))
                if value >= lower && value <= upper { values.append(value) }
            }
        }
        return values
    }

    /// Every n-th value, so at most about `count` remain.
    private static func thin(_ values: [Double], to count: Int) -> [Double] {
        guard values.count > count else { return values }
        let stride = (values.count + count - 1) / count
        return values.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    }
}
