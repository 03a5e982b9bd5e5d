import Foundation

/// Writes times as ISO 8601 UTC, and durations for people.
public enum TimeFormat {
    /// Seconds since 1970 of `0000-01-01T00:00:00Z` and of `10000-01-01T00:00:00Z`: the
    /// times ISO 8601 writes with four-digit years.
    static let isoRange = -62_167_219_200.0..<253_402_300_800.0

    /// `2024-05-14T09:00:00.701Z` (milliseconds only when the time has them); a time
    /// outside the years 0000–9999, which a log can hold, as its number of seconds.
    public static func iso(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "" }
        guard isoRange.contains(seconds) else { return NumberFormat.exact(seconds) }
        let whole = (seconds * 1000).rounded() / 1000
        var days = Int((whole / 86_400).rounded(.down))
        var rest = whole - Double(days) * 86_400
        if rest >= 86_400 {
            days += 1
            rest -= 86_400
        }
        let (year, month, day) = civil(fromDays: days)
        let hour = Int(rest / 3600)
        let minute = Int((rest - Double(hour * 3600)) / 60)
        let second = rest - Double(hour * 3600 + minute * 60)
        let millis = Int(((second - second.rounded(.down)) * 1000).rounded())
        var text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
            Int(second.rounded(.down)))
        if millis > 0 { text += String(format: ".%03d", millis) }
        return text + "Z"
    }

    /// `1h 02m`, `3m 05s`, `12.5s` for a duration in seconds.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        guard abs(seconds) < 1e15 else { return NumberFormat.short(seconds) + "s" }
        let total = Int(seconds.rounded())
        if seconds < 60 { return NumberFormat.fixed(seconds, decimals: seconds < 10 ? 2 : 1) + "s" }
        if total < 3600 { return String(format: "%dm %02ds", total / 60, total % 60) }
        if total < 86_400 { return String(format: "%dh %02dm", total / 3600, (total % 3600) / 60) }
        return String(format: "%dd %02dh", total / 86_400, (total % 86_400) / 3600)
    }

    /// Year, month, day of a day count since 1970-01-01 (Hinnant's civil algorithm).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
