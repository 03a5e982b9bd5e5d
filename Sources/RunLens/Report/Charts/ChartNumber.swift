import Foundation

/// Tick labels: short, round, with k/M/G/T once the ticks are that far apart.
enum ChartNumber {
    /// `value` as a tick label on an axis whose ticks are `step` apart; past the T suffix
    /// (ticks 1e18 apart, as a metric near the largest double makes) as `2e295`, not `2e+295T`.
    static func label(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return NumberFormat.exact(value) }
        if abs(value) < step * 1e-9 { return "0" }
        if step >= 1e18 { return scientific(value) }
        for (power, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        where step >= power {
            return fixed(value / power, decimals: decimals(step / power)) + suffix
        }
        return fixed(value, decimals: decimals(step))
    }

    /// `value` as a label on its own (log-axis ticks): the fewest digits that show it.
    static func label(_ value: Double) -> String {
        guard value.isFinite else { return NumberFormat.exact(value) }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-3 || magnitude >= 1e18 {
            return scientific(value)
        }
        return label(value, step: pow(10, log10(magnitude).rounded(.down)))
    }

    /// `value` as `2e-5` or `1e72`: a mantissa of up to one decimal and the exponent.
    private static func scientific(_ value: Double) -> String {
        let logarithm = log10(abs(value))
        var exponent = Int(logarithm.rounded(.down))
        // Below 1e-307 the power of ten is subnormal or zero: divide by its logarithm instead.
        var mantissa =
            exponent > -307
            ? value / pow(10, Double(exponent))
            : (value < 0 ? -1 : 1) * pow(10, logarithm - Double(exponent))
        // A mantissa that rounds to 10 (a subnormal read as 9.99999e-321) carries.
        if abs((mantissa * 10).rounded()) >= 100 {
            mantissa /= 10
            exponent += 1
        }
        return fixed(mantissa, decimals: 1).replacingOccurrences(of: ".0", with: "")
            + "e\(exponent)"
    }

    /// Digits after the point that a tick spacing of `step` needs (at most 6).
    static func decimals(_ step: Double) -> Int {
        guard step > 0, step.isFinite, step < 1 else { return 0 }
        var digits = 0
        var scaled = step
        while digits < 6 && abs(scaled - scaled.rounded()) > 1e-6 * max(scaled, 1) {
            scaled *= 10
            digits += 1
        }
        return digits
    }

    private static func fixed(_ value: Double, decimals: Int) -> String {
        NumberFormat.fixed(value, decimals: decimals)
    }
}
