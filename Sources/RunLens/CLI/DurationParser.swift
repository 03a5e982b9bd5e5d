/// Reads durations such as `5m`, `30s`, `1h`, `2d`, `250ms`, or plain seconds.
public enum DurationParser {
    /// The window widths `--window` takes, in seconds: from a millisecond, below which window
    /// indexes of epoch times are no longer exact, to 1e15 seconds (30 million years).
    public static let windowRange = 0.001...1e15

    /// Seconds, or `nil` when `text` is not a positive duration (or one too large for a
    /// double, such as `1e308w`).
    public static func seconds(_ text: String) -> Double? {
        guard let value = written(text), value > 0, value.isFinite else { return nil }
        return value
    }

    /// The width in seconds of a `--window` given as `text` to `flag`: a number with or
    /// without a unit that is not in ``windowRange`` (`0s`, `-5m`, `0.5ms`, `1e308w`) is
    /// named as out of range; anything else as no duration.
    static func window(_ text: String, flag: String) throws(UsageError) -> Double {
        guard let seconds = written(text) else {
            throw UsageError("\(flag) expects a duration such as 30s, 5m or 1h, got '\(text)'")
        }
        guard windowRange.contains(seconds) else {
            throw UsageError("\(flag) expects a duration from 1ms to 1e15s, got '\(text)'")
        }
        return seconds
    }

    /// The seconds `text` writes, whatever their sign or size (`1e308w` is infinite and
    /// `1e-323ms` zero once scaled); `nil` when it is no number, with or without a unit.
    private static func written(_ text: String) -> Double? {
        let units: [(String, Double)] = [
            ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = String(text.dropLast(suffix.count))
            if let value = Double(number), !value.isNaN { return value * scale }
        }
        guard let value = Double(text), !value.isNaN else { return nil }
        return value
    }
}
