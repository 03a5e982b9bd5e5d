/// Reads durations such as `5m`, `30s`, `1h`, `2d`, `250ms`, or plain seconds.
public enum DurationParser {
    /// Seconds, or `nil` when `text` is not a positive duration.
    public static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [
            ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = String(text.dropLast(suffix.count))
            if let value = Double(number), value > 0, value.isFinite { return value * scale }
        }
        if let value = Double(text), value > 0, value.isFinite { return value }
        return nil
    }
}
