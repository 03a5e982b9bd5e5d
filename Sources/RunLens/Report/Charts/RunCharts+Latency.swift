/// Latency and time to first token: p50, p95 and p99 per window with the p95 target.
extension RunCharts {
    /// Detectors whose incidents are marked on latency charts.
    static let latencyDetectors: Set<String> = ["slo_violation", "error_budget_burn", "error_rate"]
    /// Latency series drawn on one chart; the report lists the rest.
    static let maxLatencySeries = 3

    static func latencyCharts(_ context: Context, targets: ChartTargets) -> [ChartFile] {
        var files: [ChartFile] = []
        let kinds: [(MetricRole, String, String, Double)] = [
            (.latency, "Request latency", "latency", targets.latencyP95Ms),
            (.ttft, "Time to first token", "ttft", targets.ttftP95Ms),
        ]
        for (role, title, name, target) in kinds {
            let series = context.series([role])
            if let file = percentileChart(
                context, series: series, title: title, name: name, target: target)
            {
                files.append(file)
            }
        }
        return files
    }

    /// One chart of `series` in milliseconds: each drawn times its `scale`, which for a
    /// latency whose name states no unit is the one the serving statistics guessed.
    private static func percentileChart(
        _ context: Context, series: [SeriesSummary], title: String, name: String, target: Double
    ) -> ChartFile? {
        guard let axis = series.first?.axis else { return nil }
        let shown = Array(series.prefix(maxLatencySeries))
        var subtitle = windowWords(shown, statistic: "percentiles")
        if series.count > shown.count {
            subtitle += "; \(series.count - shown.count) more series in windows.csv"
        }
        var chart = LineChart(
            title: title, subtitle: subtitle, yLabel: "\(name) (ms)", xAxis: context.xAxis(axis))
        chart.series = percentileLines(shown)

        let values = chart.series.flatMap { $0.finitePoints.map(\.y) }.filter { $0 > 0 }
        let low = values.min() ?? 1
        let high = values.max() ?? 1
        chart.logarithmicY = high / low > 20
        let reach = chart.logarithmicY ? 20.0 : 3.0
        if target <= high * reach {
            chart.thresholds = [
                ChartThreshold(y: target, label: "p95 target \(NumberFormat.short(target)) ms")
            ]
        } else {
            chart.subtitle = subtitle + "; p95 target \(NumberFormat.short(target)) ms is far above"
        }
        chart.markers = incidentMarkers(
            context, detectors: latencyDetectors, series: series, axis: axis)
        chart.xExtent = extent(series, context)
        return file(chart, name: name + ".svg")
    }

    /// p50, p95, p99 of one series in three colours; of several series, p95 solid and p99
    /// dashed in one colour each.
    private static func percentileLines(_ series: [SeriesSummary]) -> [ChartSeries] {
        if series.count == 1, let only = series.first {
            let prefix = unitName(only).map { "\(only.name) \($0) " } ?? ""
            let percentiles: [(String, (StatRow) -> Double?, String)] = [
                ("p50", { $0.p50 }, ChartPalette.series[0]),
                ("p95", { $0.p95 }, ChartPalette.series[1]),
                ("p99", { $0.p99 }, ChartPalette.series[5]),
            ]
            return percentiles.map { label, value, color in
                ChartSeries(
                    name: prefix + label,
                    points: windowPoints(only, scale: only.scale, value: value),
                    color: color)
            }
        }
        return series.enumerated().flatMap { index, summary -> [ChartSeries] in
            let color = ChartPalette.series[index % ChartPalette.series.count]
            let name = legendName(summary, sharedName: false)
            return [
                ChartSeries(
                    name: "\(name) p95",
                    points: windowPoints(summary, scale: summary.scale) { $0.p95 },
                    color: color),
                ChartSeries(
                    name: "\(name) p99",
                    points: windowPoints(summary, scale: summary.scale) { $0.p99 },
                    color: color, dashed: true),
            ]
        }
    }
}
