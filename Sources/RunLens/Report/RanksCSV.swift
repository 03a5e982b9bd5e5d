/// Writes `ranks.csv`: each rank's and device's figures per metric, against the median
/// of the same metric over all ranks and devices.
public enum RanksCSV {
    /// The columns, as SPEC section 5 names them.
    public static let header = [
        "rank", "device", "metric", "count", "mean", "p50", "p95", "max", "relative_to_median",
    ]

    /// The rows: series that carry a rank or a device, grouped by metric.
    public static func rows(_ series: [SeriesSummary]) -> [[String]] {
        let perUnit = series.filter { $0.rank != nil || $0.device != nil }
        let byMetric = Dictionary(grouping: perUnit, by: \.name)
        var rows: [[String]] = []
        for name in byMetric.keys.sorted() {
            let group = byMetric[name] ?? []
            let median = Self.median(group.compactMap(\.stats.mean))
            for summary in group.sorted(by: Self.unitOrder) {
                rows.append(row(summary, median: median))
            }
        }
        return rows
    }

    /// The whole file.
    public static func render(_ series: [SeriesSummary]) -> String {
        var csv = CSVWriter(header: header)
        for row in rows(series) { csv.writeRow(row) }
        return csv.text
    }

    private static func row(_ summary: SeriesSummary, median: Double?) -> [String] {
        let stats = summary.stats
        var relative: Double?
        if let mean = stats.mean, let median, median != 0 { relative = mean / median }
        return [
            summary.rank.map(String.init) ?? "", summary.device.map(String.init) ?? "",
            summary.name, String(stats.count), NumberFormat.exact(stats.mean),
            NumberFormat.exact(stats.p50), NumberFormat.exact(stats.p95),
            NumberFormat.exact(stats.max), NumberFormat.exact(relative),
        ]
    }

    static func unitOrder(_ lhs: SeriesSummary, _ rhs: SeriesSummary) -> Bool {
        (lhs.rank ?? -1, lhs.device ?? -1) < (rhs.rank ?? -1, rhs.device ?? -1)
    }

    /// The median of `values` (mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
