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
    /// are numbers and times, which never need quotes; numbers go into the file's buffer as
    /// bytes, without a `String` each: a run with default windows has tens of thousands of
    /// rows.
    static func write(_ series: [SeriesSummary], to file: inout ReportFile) throws(OutputError) {
        var line = ""
        CSVWriter.appendRow(header, to: &line)
        try file.append(line)
        for summary in series {
            line.removeAll(keepingCapacity: true)
            let fields = [
                summary.name, summary.rank.map(String.init) ?? "",
                summary.device.map(String.init) ?? "",
            ]
            for field in fields {
                line.append(CSVWriter.quote(field))
                line.append(",")
            }
            let identity = Array(line.utf8)
            for window in summary.windows {
                try file.append(identity)
                try writeCells(window, summary.axis, to: &file)
            }
            if let failure = summary.windows.readFailure {
                throw OutputError(path: file.path, reason: failure.description)
            }
        }
    }

    /// The cells after the series' identity, and the row's end.
    private static func writeCells(_ window: WindowRow, _ axis: Axis, to file: inout ReportFile)
        throws(OutputError)
    {
        let stats = window.stats
        if axis == .time {
            try file.append(TimeFormat.iso(window.start))
            try file.appendCell(TimeFormat.iso(window.end))
        } else {
            try file.appendExact(window.start)
            try file.appendExactCell(window.end)
        }
        try file.appendCell(stats.count)
        try file.appendCell(stats.nonfinite)
        try file.appendExactCell(stats.mean)
        try file.appendExactCell(stats.std)
        try file.appendExactCell(stats.min)
        try file.appendExactCell(stats.max)
        try file.appendExactCell(stats.p50)
        try file.appendExactCell(stats.p95)
        try file.appendExactCell(stats.p99)
        try file.appendExactCell(stats.ema)
        try file.endRow()
    }
}
