/// Writes `windows.csv`: one row per window of every series.
public enum WindowsCSV {
    /// The columns, as SPEC section 5 names them.
    public static let header = [
        "metric", "rank", "device", "window_start", "window_end", "count", "nonfinite", "mean",
        "std", "min", "max", "p50", "p95", "p99", "ema",
    ]

    /// Writes the whole file for `series` into `file` row by row.
    ///
    /// A series' name, rank and device are quoted once for all its rows. The other cells
    /// are numbers and times, which never need quotes, and go to the file without an array
    /// of cells: a run with default windows has tens of thousands of rows.
    static func write(_ series: [SeriesSummary], to file: inout ReportFile) throws(OutputError) {
        var line = ""
        CSVWriter.appendRow(header, to: &line)
        try file.append(line)
        for summary in series {
            line.removeAll(keepingCapacity: true)
            let identity = [
                summary.name, summary.rank.map(String.init) ?? "",
                summary.device.map(String.init) ?? "",
            ]
            for field in identity {
                line.append(CSVWriter.quote(field))
                line.append(",")
            }
            for window in summary.windows {
                try file.append(line)
                try writeCells(window, summary.axis, to: &file)
            }
            if let failure = summary.windows.readFailure {
                throw OutputError(path: file.path, reason: failure.description)
            }
        }
    }

    // TODO(#8): a row costs about 10,700 instructions, most of it the eight numbers'
    // `Double.description` and their strings (~900 each); a shortest-digits writer of its own
    // (at most 15 digits checked by one multiplication, 16-17 from 128-bit bounds) wrote the
    // same bytes but measured ~850, as its digit loop and appends cost as much: writing the
    // digits straight into the file's buffer, two at a time from a table, would be needed.
    /// The cells after the series' identity, and the row's end.
    private static func writeCells(_ window: WindowRow, _ axis: Axis, to file: inout ReportFile)
        throws(OutputError)
    {
        let stats = window.stats
        try file.append(bound(window.start, axis))
        try file.appendCell(bound(window.end, axis))
        try file.appendCell(String(stats.count))
        try file.appendCell(String(stats.nonfinite))
        try file.appendCell(NumberFormat.exact(stats.mean))
        try file.appendCell(NumberFormat.exact(stats.std))
        try file.appendCell(NumberFormat.exact(stats.min))
        try file.appendCell(NumberFormat.exact(stats.max))
        try file.appendCell(NumberFormat.exact(stats.p50))
        try file.appendCell(NumberFormat.exact(stats.p95))
        try file.appendCell(NumberFormat.exact(stats.p99))
        try file.appendCell(NumberFormat.exact(stats.ema))
        try file.append("\r\n")
    }

    private static func bound(_ value: Double, _ axis: Axis) -> String {
        axis == .time ? TimeFormat.iso(value) : NumberFormat.exact(value)
    }
}
