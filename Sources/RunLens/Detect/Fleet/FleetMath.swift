/// Small statistics the fleet detectors share.
enum FleetMath {
    /// The median of `values`, or `nil` when there are none. Sorts a copy: O(n log n).
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `a / b` as "2.5×"-style text with two decimals below 10 and one above.
    static func factor(_ value: Double) -> String {
        NumberFormat.fixed(value, decimals: value < 10 ? 2 : 1) + "×"
    }

    /// At most one decimal, none when it is zero: `91.9`, `85`.
    static func compact(_ value: Double) -> String {
        let text = NumberFormat.fixed(value, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A percentage with one decimal.
    static func percent(_ value: Double) -> String {
        NumberFormat.fixed(value, decimals: 1) + "%"
    }

    /// Seconds with three decimals below 10 s, one below a minute, else a duration.
    static func seconds(_ value: Double) -> String {
        guard abs(value) < 60 else { return TimeFormat.duration(value) }
        return NumberFormat.fixed(value, decimals: abs(value) < 10 ? 3 : 1) + " s"
    }
}
