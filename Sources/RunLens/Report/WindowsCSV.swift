/// Writes `windows.csv`: one row per window of every series.
public enum WindowsCSV {
    /// The columns, as SPEC section 5 names them.
    public static let header = [
        "metric", "rank", "device", "window_start", "window_end", "count", "nonfinite", "mean",
        "std", "min", "max", "p50", "p95", "p99", "ema",
    ]

    /// The whole file for `series`.
    public static func render(_ series: [SeriesSummary]) -> String {
        var csv = CSVWriter(header: header)
        for summary in series {
            for window in summary.windows {
                csv.writeRow(row(summary, window))
            }
        }
        return csv.text
    }

    /// Writes the whole file for `series` into `file` row by row.
    static func write(_ series: [SeriesSummary], to file: inout ReportFile) throws(OutputError) {
        var line = ""
        CSVWriter.appendRow(header, to: &line)
        for summary in series {
            for window in summary.windows {
                CSVWriter.appendRow(row(summary, window), to: &line)
                try file.append(line)
                line.removeAll(keepingCapacity: true)
            }
        }
        try file.append(line)
    }

    private static func row(_ summary: SeriesSummary, _ window: WindowRow) -> [String] {
        let stats = window.stats
        return [
            summary.name, summary.rank.map(String.init) ?? "",
            summary.device.map(String.init) ?? "",
            bound(window.start, summary.axis), bound(window.end, summary.axis),
            String(stats.count), String(stats.nonfinite), NumberFormat.exact(stats.mean),
            NumberFormat.exact(stats.std), NumberFormat.exact(stats.min),
            NumberFormat.exact(stats.max), NumberFormat.exact(stats.p50),
            NumberFormat.exact(stats.p95), NumberFormat.exact(stats.p99),
            NumberFormat.exact(stats.ema),
        ]
    }

    private static func bound(_ value: Double, _ axis: Axis) -> String {
        axis == .time ? TimeFormat.iso(value) : NumberFormat.exact(value)
    }
}
