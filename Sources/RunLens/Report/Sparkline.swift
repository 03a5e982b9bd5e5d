/// Draws a series as a line of Unicode block characters (`▁▂▃▄▅▆▇█`) for Markdown tables.
public enum Sparkline {
    /// The eight levels, lowest first.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Drawn where a stretch has no finite value.
    static let gap: Character = "·"

    /// `values` scaled from their minimum (▁) to their maximum (█), at most `width`
    /// characters: longer inputs are averaged over equal stretches. `nil` and non-finite
    /// values are gaps; a constant series is drawn at mid height.
    public static func render(_ values: [Double?], width: Int = 20) -> String {
        let buckets = downsample(values, width: max(width, 1))
        let finite = buckets.compactMap { $0 }
        guard let low = finite.min(), let high = finite.max() else { return "" }
        return String(
            buckets.map { value -> Character in
                guard let value else { return gap }
                guard !flat(low, high) else { return levels[3] }
                let share = (value - low) / (high - low)
                // Values near ±Double.greatestFiniteMagnitude overflow the span.
                guard share.isFinite else { return levels[3] }
                return levels[min(levels.count - 1, Int(share * Double(levels.count)))]
            })
    }

    /// True when the span is rounding noise: window means of a constant metric differ in
    /// their last bits, and drawing that difference full height would invent a pattern.
    static func flat(_ low: Double, _ high: Double) -> Bool {
        high - low <= 1e-9 * max(abs(low), abs(high))
    }

    /// The mean of the finite values in each of `width` equal stretches (or the values
    /// themselves when there are no more than `width`).
    static func downsample(_ values: [Double?], width: Int) -> [Double?] {
        let clean = values.map { value in value.flatMap { $0.isFinite ? $0 : nil } }
        guard clean.count > width else { return clean }
        return (0..<width).map { bucket in
            let from = bucket * clean.count / width
            let to = (bucket + 1) * clean.count / width
            let finite = clean[from..<to].compactMap { $0 }
            let count = Double(finite.count)
            return finite.isEmpty ? nil : finite.reduce(0) { $0 + $1 / count }
        }
    }
}
