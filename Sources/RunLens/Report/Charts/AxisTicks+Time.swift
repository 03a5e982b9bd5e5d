/// Ticks for a time axis: round clock times in UTC, or round durations for relative times.
extension AxisTicks {
    /// Tick spacings tried, in seconds: from one second to four weeks.
    static let timeSteps: [Double] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200,
        86_400, 172_800, 604_800, 1_209_600, 2_419_200,
    ]

    /// Ticks over `minimum…maximum` seconds, at most about `maxTicks`: clock times
    /// (`09:05`, `05-14 09:00`) for epoch seconds, durations (`5m`, `1h30m`) when `relative`.
    /// The domain is the data range.
    static func time(
        minimum: Double, maximum: Double, relative: Bool, maxTicks: Int = 7
    ) -> AxisTicks {
        let span = maximum - minimum
        guard span > 0 else {
            return AxisTicks(
                lower: minimum - 1, upper: maximum + 1, values: [minimum],
                labels: [relative ? durationLabel(minimum) : clockLabel(minimum, step: 1)])
        }
        let step =
            timeSteps.first { span / $0 <= Double(maxTicks) }
            ?? AxisTicks.niceNumber(span / Double(maxTicks), round: false)
        var values: [Double] = []
        var tick = (minimum / step).rounded(.up) * step
        while tick <= maximum && values.count < 100 {
            values.append(tick)
            tick += step
        }
        let labels =
            relative
            ? values.map(durationLabel)
            : clockLabels(values, step: step)
        return AxisTicks(lower: minimum, upper: maximum, values: values, labels: labels)
    }

    /// `09:05`, or `09:05:30` when ticks are less than a minute apart; the date (`05-14`) is
    /// added to each tick on a later day than the first (the axis title names the first);
    /// days alone for wide spacings.
    static func clockLabels(_ values: [Double], step: Double) -> [String] {
        var previousDay = values.first.map { String(TimeFormat.iso($0).prefix(10)) } ?? ""
        return values.map { value in
            let iso = TimeFormat.iso(value)
            let day = String(iso.prefix(10))
            defer { previousDay = day }
            if step >= 86_400 { return String(day.dropFirst(5)) }
            let clock = clockLabel(value, step: step)
            return day == previousDay ? clock : "\(day.dropFirst(5)) \(clock)"
        }
    }

    /// `HH:MM`, or `HH:MM:SS` for sub-minute spacing.
    static func clockLabel(_ value: Double, step: Double) -> String {
        let iso = Array(TimeFormat.iso(value))
        guard iso.count >= 19 else { return "" }
        return String(iso[11..<(step < 60 ? 19 : 16)])
    }

    /// `0`, `45s`, `5m`, `1h30m`, `2d`, `1d12h`.
    static func durationLabel(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "" }
        // Relative times from a log can be anything: no unchecked Int of 1e300 seconds.
        guard abs(seconds) < 1e15 else { return NumberFormat.short(seconds) + "s" }
        let sign = seconds < 0 ? "-" : ""
        var rest = Int(abs(seconds).rounded())
        if rest == 0 { return "0" }
        var parts = ""
        for (size, unit) in [(86_400, "d"), (3600, "h"), (60, "m"), (1, "s")] where rest >= size {
            parts += "\(rest / size)\(unit)"
            rest %= size
        }
        return sign + parts
    }
}
