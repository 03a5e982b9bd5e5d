/// The loss chart: training and validation loss on a log scale, spikes, divergence and
/// resumes marked.
extension RunCharts {
    /// Detectors whose incidents are marked on the loss chart.
    static let lossDetectors: Set<String> = [
        "divergence", "loss_spike", "loss_plateau", "overfitting",
    ]

    static func lossChart(_ context: Context) -> ChartFile? {
        let series = context.series([.trainLoss, .valLoss])
        guard let axis = series.first?.axis else { return nil }
        let hasValidation = series.contains { $0.role == .valLoss }
        var chart = LineChart(
            title: hasValidation ? "Training and validation loss" : "Training loss",
            subtitle: windowWords(series, statistic: "mean"), yLabel: "loss",
            xAxis: context.xAxis(axis))
        chart.logarithmicY = true
        chart.series = dataLines(series, dashed: { $0.role == .valLoss })
        if axis == .step { chart.markers = resumeMarkers(context) }
        chart.markers += incidentMarkers(
            context, detectors: lossDetectors, series: series, axis: axis,
            peakDetectors: ["loss_spike"])
        chart.xExtent = extent(series, context)
        return file(chart, name: "loss.svg")
    }
}
