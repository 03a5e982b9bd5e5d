/// The progress line shown on a terminal while a long input is read.
public enum ProgressText {
    /// `reading 12.3 MB of 2.10 GB (0.6%), 85.2 MB/s, about 24s left` (`1m30s`), or without
    /// the total and time left when the size is not known.
    public static func line(bytes: Int64, total: Int64?, seconds: Double) -> String {
        var text = "reading \(size(bytes))"
        if let total, total > 0 {
            let share = min(Double(bytes) / Double(total), 1) * 100
            text += " of \(size(total)) (\(NumberFormat.fixed(share, decimals: 1))%)"
        }
        guard seconds > 0 else { return text }
        let rate = Double(bytes) / seconds
        text += ", \(size(Int64(rate.rounded())))/s"
        if let total, rate > 0, total > bytes {
            let left = (Double(total - bytes) / rate).rounded(.up)
            text += ", about \(AxisTicks.durationLabel(left)) left"
        }
        return text
    }

    /// Decimal sizes: `512 B`, `12.3 kB`, `12.3 MB`, `2.10 GB`.
    public static func size(_ bytes: Int64) -> String {
        let value = Double(bytes)
        for (unit, scale) in [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)]
        where value >= scale {
            let scaled = value / scale
            return NumberFormat.fixed(scaled, decimals: scaled < 10 ? 2 : 1) + " " + unit
        }
        return "\(bytes) B"
    }
}
