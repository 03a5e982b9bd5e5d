/// Throughput per rank and memory per rank and device, with memory trends.
extension RunCharts {
    /// Detectors whose incidents are marked on the throughput chart.
    static let throughputDetectors: Set<String> = [
        "throughput_drop", "straggler", "data_bottleneck",
    ]

    static func throughputChart(_ context: Context) -> ChartFile? {
        let series = context.series([.throughput])
        guard let axis = series.first?.axis else { return nil }
        var chart = LineChart(
            title: "Throughput", subtitle: windowWords(series, statistic: "mean"),
            yLabel: valueLabel(series, fallback: "throughput"),
            xAxis: context.xAxis(axis))
        chart.includeZero = true
        let markers = incidentMarkers(
            context, detectors: throughputDetectors, series: series, axis: axis, anyMetric: true)
        let named = Set(
            context.incidents.filter { throughputDetectors.contains($0.detector) }
                .compactMap(\.rank))
        chart.series = dataLines(series, highlight: named)
        chart.markers = (axis == .step ? resumeMarkers(context) : []) + markers
        chart.xExtent = extent(series, context)
        return file(chart, name: "throughput.svg")
    }

    static func memoryCharts(_ context: Context) -> [ChartFile] {
        var files: [ChartFile] = []
        let kinds: [(MetricRole, String, String)] = [
            (.gpuMemory, "GPU memory", "gpu-memory.svg"),
            (.processMemory, "Process memory", "process-memory.svg"),
        ]
        for (role, title, name) in kinds {
            if let chart = memoryChart(context, role: role, title: title, name: name) {
                files.append(chart)
            }
        }
        return files
    }

    private static func memoryChart(
        _ context: Context, role: MetricRole, title: String, name: String
    ) -> ChartFile? {
        let series = context.series([role])
        guard let axis = series.first?.axis else { return nil }
        var chart = LineChart(
            title: title, subtitle: windowWords(series, statistic: "mean"),
            yLabel: valueLabel(series, fallback: "memory"),
            xAxis: context.xAxis(axis))
        let growth = context.incidents.filter { $0.detector == "memory_growth" }
        let named = Set(growth.compactMap(\.rank))
        chart.series = dataLines(series, highlight: named)
        chart.series += trendLines(growth, series: series, lines: chart.series, axis: axis)
        chart.markers = (axis == .step ? resumeMarkers(context) : [])
        chart.markers += incidentMarkers(
            context, detectors: ["memory_growth", "resource_pressure"], series: series, axis: axis)
        chart.xExtent = extent(series, context)
        return file(chart, name: name)
    }

    /// The fitted trend of each growth incident that carries one, dashed in its series'
    /// colour.
    private static func trendLines(
        _ incidents: [Incident], series: [SeriesSummary], lines: [ChartSeries], axis: Axis
    ) -> [ChartSeries] {
        incidents.compactMap { incident in
            guard let trend = incident.trend,
                let index = series.firstIndex(where: {
                    $0.name == incident.metric && $0.rank == incident.rank
                        && $0.device == incident.device
                })
            else { return nil }
            let line = lines[index]
            return ChartSeries(
                name: "trend, \(line.name)",
                points: [(trend.startX, trend.startValue), (trend.endX, trend.endValue)],
                color: line.kind == .background ? ChartPalette.axis : line.color, dashed: true,
                kind: .trend)
        }
    }
}
