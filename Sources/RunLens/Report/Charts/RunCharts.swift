/// Builds the charts of a run from its window rows and incidents: loss, throughput, memory
/// and latency percentiles, each only when the log has the series for it.
public enum RunCharts {
    /// Series drawn in colour on one chart; more are drawn grey behind them.
    static let maxColoured = 8

    /// The names of every chart a run can have, in `charts/`: what an earlier report may
    /// have left there.
    public static let fileNames = [
        "loss.svg", "throughput.svg", "gpu-memory.svg", "process-memory.svg", "latency.svg",
        "ttft.svg",
    ]

    /// Every chart the run has data for, in report order.
    public static func charts(
        result: AnalysisResult, incidents: [Incident], targets: ChartTargets = ChartTargets()
    ) -> [ChartFile] {
        let context = Context(result: result, incidents: incidents)
        var charts: [ChartFile] = []
        if let loss = lossChart(context) { charts.append(loss) }
        if let throughput = throughputChart(context) { charts.append(throughput) }
        charts += memoryCharts(context)
        charts += latencyCharts(context, targets: targets)
        return charts
    }

    /// What every chart builder reads.
    struct Context {
        let result: AnalysisResult
        let incidents: [Incident]

        /// Series of `roles` on their most common axis, with at least one window.
        func series(_ roles: Set<MetricRole>) -> [SeriesSummary] {
            let matching = result.series.filter { summary in
                summary.role.map(roles.contains) ?? false && !summary.windows.isEmpty
            }
            let steps = matching.filter { $0.axis == .step }.count
            let axis: Axis = steps * 2 >= matching.count ? .step : .time
            return matching.filter { $0.axis == axis }
        }

        /// The x axis for series on `axis`.
        func xAxis(_ axis: Axis) -> LineChart.XAxis {
            axis == .step ? .steps : .time(relative: result.overview.timeIsRelative)
        }
    }

    /// (window middle, value) for every window of `series`; `nil` values become gaps.
    static func windowPoints(
        _ series: SeriesSummary, scale: Double = 1, value: (StatRow) -> Double?
    ) -> [(x: Double, y: Double)] {
        series.windows.map { window in
            ((window.start + window.end) / 2, value(window.stats).map { $0 * scale } ?? .nan)
        }
    }

    /// `rank 2`, `gpu 1`, `rank 2 gpu 1`, or `nil` for a series of the whole run.
    static func unitName(_ series: SeriesSummary) -> String? {
        var parts: [String] = []
        if let rank = series.rank { parts.append("rank \(rank)") }
        if let device = series.device { parts.append("gpu \(device)") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The legend text of `series`: its rank and device alone when every series of the chart
    /// has the same name.
    static func legendName(_ series: SeriesSummary, sharedName: Bool) -> String {
        guard let unit = unitName(series) else { return series.name }
        return sharedName ? unit : "\(series.name) \(unit)"
    }

    /// `mean per window of 50 steps`, `per 5m window`.
    static func windowWords(_ series: [SeriesSummary], statistic: String) -> String {
        guard let window = series.first?.windows.first else { return statistic }
        let width = window.end - window.start
        if series.first?.axis == .time {
            return "\(statistic) per \(AxisTicks.durationLabel(width)) window"
        }
        let steps = NumberFormat.short(width)
        return "\(statistic) per window of \(steps) step\(width == 1 ? "" : "s")"
    }

    /// Dashed lines where the run resumed from a checkpoint (step axes only); resumes to the
    /// same step (one per rank, or restarts from one checkpoint) share a line, labelled a
    /// restart when the run started over from scratch there.
    static func resumeMarkers(_ context: Context) -> [ChartMarker] {
        var fromSteps: [Double: [Double]] = [:]
        var scratch: Set<Double> = []
        for resume in context.result.overview.resumes {
            fromSteps[resume.toStep, default: []].append(resume.fromStep)
            if resume.fromScratch == true { scratch.insert(resume.toStep) }
        }
        return fromSteps.keys.sorted().map { step in
            let sources = Array(Set(fromSteps[step] ?? [])).sorted()
            let from = sources.map { NumberFormat.short($0) }.joined(separator: ", ")
            let kind = scratch.contains(step) ? "restart" : "resume"
            return ChartMarker(
                x: step, label: "\(kind) \(from) → \(NumberFormat.short(step))",
                color: ChartPalette.resume, legend: "resume", dashed: true)
        }
    }

    /// The x range of `series`: the run's first to last step on a step axis, else from the
    /// first window's start to the last window's end.
    static func extent(_ series: [SeriesSummary], _ context: Context) -> ClosedRange<Double>? {
        let overview = context.result.overview
        if series.first?.axis == .step, let first = overview.firstStep,
            let last = overview.lastStep, last >= first
        {
            return first...last
        }
        let starts = series.compactMap { $0.windows.first?.start }.filter(\.isFinite)
        let ends = series.compactMap { $0.windows.last?.end }.filter(\.isFinite)
        guard let low = starts.min(), let high = ends.max(), high >= low else { return nil }
        return low...high
    }

    /// Markers for the incidents of `detectors` about the metrics of `series` (or about no
    /// metric in particular, or about any metric when `anyMetric`), placed on `axis`.
    static func incidentMarkers(
        _ context: Context, detectors: Set<String>, series: [SeriesSummary], axis: Axis,
        peakDetectors: Set<String> = [], anyMetric: Bool = false
    ) -> [ChartMarker] {
        let names = Set(series.map(\.name))
        return context.incidents.compactMap { incident in
            guard detectors.contains(incident.detector),
                anyMetric || incident.metric.map(names.contains) ?? true
            else { return nil }
            let start = axis == .step ? incident.startStep : incident.startTime
            let end = axis == .step ? incident.endStep : incident.endTime
            guard let start, start.isFinite else { return nil }
            var label = incident.detector
            if let ranks = incident.ranks, ranks.count > 1 {
                label += " ranks \(IncidentWords.rankList(ranks))"
            } else if let rank = incident.rank {
                label += " rank \(rank)"
            }
            let peak = peakDetectors.contains(incident.detector) ? incident.peak : nil
            return ChartMarker(
                x: start, end: end.flatMap { $0.isFinite && $0 > start ? $0 : nil },
                y: peak.flatMap { $0.isFinite ? $0 : nil }, label: label,
                color: ChartPalette.incident(incident.severity),
                legend: "\(incident.severity.name) incident")
        }
    }

    /// Data lines for `series`, coloured in order, with lines past the palette grey unless
    /// `highlight` names their rank; dashed when `dashed` says so.
    static func dataLines(
        _ series: [SeriesSummary], highlight: Set<Int> = [],
        dashed: (SeriesSummary) -> Bool = { _ in false },
        value: (StatRow) -> Double? = { $0.mean }
    ) -> [ChartSeries] {
        let sharedName = Set(series.map(\.name)).count == 1
        let crowded = series.count > maxColoured
        var colour = 0
        return series.map { summary in
            let points = windowPoints(summary, value: value)
            let name = legendName(summary, sharedName: sharedName)
            let stands = !crowded || summary.rank.map(highlight.contains) ?? false
            guard stands, colour < ChartPalette.series.count else {
                return ChartSeries(name: name, points: points, kind: .background)
            }
            defer { colour += 1 }
            return ChartSeries(
                name: name, points: points, color: ChartPalette.series[colour],
                dashed: dashed(summary))
        }
    }

    /// The y axis title for `series`: their shared name with the unit its suffix gives
    /// (`gpu_mem_gb (GB)`), or `fallback` when the names differ.
    static func valueLabel(_ series: [SeriesSummary], fallback: String) -> String {
        let names = Set(series.map(\.name))
        guard names.count == 1, let name = names.first else { return fallback }
        return unit(of: name).map { "\(name) (\($0))" } ?? name
    }

    /// The unit a metric name ends with, if any.
    static func unit(of name: String) -> String? {
        let lower = name.lowercased()
        let suffixes: [(String, String)] = [
            ("_gib", "GiB"), ("_mib", "MiB"), ("_gb", "GB"), ("_mb", "MB"), ("_ms", "ms"),
            ("_pct", "%"), ("_percent", "%"), ("_w", "W"), ("_s", "s"), ("_sec", "s"),
        ]
        return suffixes.first { lower.hasSuffix($0.0) }?.1
    }

    /// The chart as a file, or `nil` when it has fewer than two points to draw.
    static func file(_ chart: LineChart, name: String) -> ChartFile? {
        let drawable = chart.series.filter { $0.kind != .trend }.map(\.finitePoints.count)
        guard drawable.reduce(0, +) >= 2 else { return nil }
        return ChartFile(name: name, title: chart.title, svg: chart.render())
    }
}
