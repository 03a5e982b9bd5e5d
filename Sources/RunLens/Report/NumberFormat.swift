/// Writes numbers so they read back exactly, and rounds them for people.
public enum NumberFormat {
    /// The shortest text that reads back as exactly `value`: integers below 1e15 without a
    /// fraction (`-0` for negative zero), `NaN`, `Infinity` and `-Infinity` for non-finite
    /// values, and `Double.description`'s text for the rest (written by
    /// ``ExactNumberWriter``, which tests hold to `description`).
    public static func exact(_ value: Double) -> String {
        ExactNumberWriter.text(value)
    }

    /// `exact` for an optional value, empty for `nil`.
    public static func exact(_ value: Double?) -> String {
        value.map { exact($0) } ?? ""
    }

    /// About four significant digits for tables people read.
    public static func short(_ value: Double?) -> String {
        guard let value else { return "–" }
        if !value.isFinite { return exact(value) }
        if value == value.rounded(), abs(value) < 1e7 { return String(Int64(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e6 || magnitude < 1e-3 { return scientific(value) }
        let decimals = magnitude >= 100 ? 1 : (magnitude >= 1 ? 3 : 4)
        return fixed(value, decimals: decimals)
    }

    /// `value` with `decimals` digits after the point.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return exact(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        // Past 2^63 the digits do not fit an Int64; such values keep their exact form.
        guard scaled < 0x1p63 else { return exact(value) }
        let whole = Int64(scaled / scale)
        var fraction = String(Int64(scaled - Double(whole) * scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return decimals == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    private static func scientific(_ value: Double) -> String {
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        // 9.9996 rounds to 10.000: carry into the exponent.
        if (mantissa * 1000).rounded() >= 10_000 {
            mantissa /= 10
            exponent += 1
        }
        let sign = value < 0 ? "-" : ""
        return "\(sign)\(fixed(mantissa, decimals: 3))e\(exponent)"
    }
}
