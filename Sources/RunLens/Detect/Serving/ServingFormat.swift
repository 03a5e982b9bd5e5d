/// Words and numbers for serving messages and tables.
enum ServingFormat {
    /// `2024-05-14T09:20:40Z`, `+1h 02m` for relative times, `request 12` without times.
    static func position(_ value: Double, axis: WindowAxis, relative: Bool) -> String {
        switch axis {
        case .requests: return "request \(Int(value))"
        case .time: return relative ? "+" + TimeFormat.duration(value) : TimeFormat.iso(value)
        }
    }

    /// `09:20–09:25` style bounds of a window: full times, or request numbers.
    static func window(_ window: ServingWindow, axis: WindowAxis, relative: Bool) -> String {
        switch axis {
        case .requests: return "requests \(Int(window.start))–\(Int(window.end))"
        case .time:
            let start = position(window.start, axis: axis, relative: relative)
            let end = position(window.end, axis: axis, relative: relative)
            return "\(start) – \(end)"
        }
    }

    /// `3.33%`, with more digits for small rates (`0.020%`).
    static func percent(_ rate: Double) -> String {
        if rate == 0 { return "0%" }
        let value = rate * 100
        guard value.isFinite else { return NumberFormat.exact(value) }
        let decimals = value >= 10 ? 1 : (value >= 1 ? 2 : 3)
        return NumberFormat.fixed(value, decimals: decimals) + "%"
    }

    /// `14.4`, `50`, `0.6`: a rate or factor without trailing zeros.
    static func factor(_ value: Double) -> String {
        let magnitude = abs(value)
        var text =
            magnitude >= 1 && magnitude < 1e6
            ? NumberFormat.fixed(value, decimals: magnitude >= 10 ? 1 : 2)
            : NumberFormat.short(value)
        guard text.contains("."), !text.contains("e") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `812 ms`, `0.301 ms`, `71.6 s` for large values.
    static func milliseconds(_ value: Double) -> String {
        guard value.isFinite else { return NumberFormat.exact(value) }
        if value >= 10_000 { return NumberFormat.short(value / 1000) + " s" }
        return NumberFormat.short(value) + " ms"
    }

    /// `503 ×6 (10.0%)`-style list of the most frequent error types.
    static func errorTypes(_ types: [ErrorTypeCount], top: Int) -> String {
        let shown = types.prefix(max(1, top)).map {
            "\($0.type) ×\($0.count) (\(percent($0.rate)))"
        }
        let rest = types.count > shown.count ? ", and \(types.count - shown.count) more types" : ""
        return shown.joined(separator: ", ") + rest
    }

    /// Merges error-type counts of several windows, rates over `requests`.
    static func merge(_ lists: [[ErrorTypeCount]], requests: Int) -> [ErrorTypeCount] {
        var counts: [String: Int] = [:]
        for list in lists {
            for entry in list { counts[entry.type, default: 0] += entry.count }
        }
        let total = Double(max(1, requests))
        return counts.map {
            ErrorTypeCount(type: $0.key, count: $0.value, rate: Double($0.value) / total)
        }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.type < $1.type }
    }
}
