/// Reads durations such as `5m`, `30s`, `1h`, `2d`, `250ms`, or plain seconds.
public enum DurationParser {
    /// The window widths `--window` takes, in seconds: from a millisecond, below which window
    /// indexes of epoch times are no longer exact, to 1e15 seconds (30 million years).
    public static let windowRange = 0.001...1e15

    /// Seconds, or `nil` when `text` is not a positive duration (or one too large for a
    /// double, such as `1e308w`).
    public static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [
            ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = String(text.dropLast(suffix.count))
            if let value = Double(number), value > 0, value.isFinite {
                return usable(value * scale)
            }
        }
        if let value = Double(text), value > 0, value.isFinite { return value }
        return nil
    }

    /// The width in seconds of a `--window` given as `text` to `flag`.
    static func window(_ text: String, flag: String) throws(UsageError) -> Double {
        guard let seconds = seconds(text) else {
            throw UsageError("\(flag) expects a duration such as 30s, 5m or 1h, got '\(text)'")
        }
        guard windowRange.contains(seconds) else {
            throw UsageError("\(flag) expects a duration from 1ms to 1e15s, got '\(text)'")
        }
        return seconds
    }

    /// `seconds` when the unit kept it a positive finite number.
    private static func usable(_ seconds: Double) -> Double? {
        seconds > 0 && seconds.isFinite ? seconds : nil
    }
}
