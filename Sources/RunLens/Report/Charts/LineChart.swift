/// A line chart as an SVG image: axes with round ticks and units, a legend, an optional log
/// scale, target lines, and markers for incidents and resumes. About 800 × 300 pixels, so it
/// reads at the width GitHub shows a Markdown file.
public struct LineChart: Sendable {
    /// What the x axis counts.
    public enum XAxis: Sendable, Equatable {
        /// Training steps.
        case steps
        /// Epoch seconds (shown as UTC clock times), or seconds from the log's start when
        /// `relative`.
        case time(relative: Bool)
    }

    /// The heading drawn at the top.
    public var title: String
    /// A second line under the title (what the lines are), or `nil`.
    public var subtitle: String?
    /// The y axis title, with its unit.
    public var yLabel: String
    /// What the x axis counts.
    public var xAxis: XAxis
    /// Draw y on a log scale (only when every value is positive; otherwise linear, and the
    /// subtitle says so).
    public var logarithmicY = false
    /// Start a linear y axis at zero, so drops read in proportion.
    public var includeZero = false
    /// The lines.
    public var series: [ChartSeries] = []
    /// Incidents and resumes.
    public var markers: [ChartMarker] = []
    /// Target lines.
    public var thresholds: [ChartThreshold] = []
    /// The x range the data covers (the windows' bounds), when wider than the points.
    public var xExtent: ClosedRange<Double>?
    /// The image size in pixels.
    public var width: Double = 800
    public var height: Double = 300

    /// Creates an empty chart.
    public init(title: String, subtitle: String? = nil, yLabel: String, xAxis: XAxis) {
        self.title = title
        self.subtitle = subtitle
        self.yLabel = yLabel
        self.xAxis = xAxis
    }

    /// True when some series has a point to draw.
    public var hasData: Bool {
        series.contains { $0.kind != .trend && !$0.finitePoints.isEmpty }
    }

    /// The SVG document.
    public func render() -> String {
        let colored = colouredSeries()
        let useLog = logarithmicY && canUseLogScale(colored)
        let legend = legendEntries(colored)
        let ticks = self.ticks(colored, useLog: useLog)
        let xScale = ticks.map {
            ChartScale(
                lower: $0.x.lower, upper: $0.x.upper, logarithmic: false,
                pixelLower: Layout.plotLeft, pixelUpper: width - Layout.rightMargin)
        }
        let labels = xScale.map(placeLabels) ?? []
        let labelRows = (labels.map(\.row).max() ?? -1) + 1
        let layout = Layout(chart: self, legend: legend, labelRows: labelRows)
        var document = SVGDocument(width: width, height: layout.height, title: title)

        drawTitle(&document, logFallback: logarithmicY && !useLog)
        drawLegend(&document, legend, layout: layout)
        guard let ticks, let xScale else {
            document.text(
                "no values to draw", x: width / 2, y: (layout.plotTop + layout.plotBottom) / 2,
                anchor: "middle")
            return document.render()
        }
        let scales = Scales(
            x: xScale,
            y: ChartScale(
                lower: ticks.y.lower, upper: ticks.y.upper, logarithmic: useLog,
                pixelLower: layout.plotBottom, pixelUpper: layout.plotTop),
            xTicks: ticks.x, yTicks: ticks.y)
        drawAxes(&document, scales, layout: layout, useLog: useLog)
        drawMarkerSpans(&document, scales, layout: layout)
        drawThresholds(&document, scales, layout: layout)
        for kind in [ChartSeries.Kind.background, .data, .trend] {
            for series in colored where series.kind == kind {
                drawSeries(&document, series, scales)
            }
        }
        drawMarkerPoints(&document, scales)
        drawMarkerLabels(&document, labels, layout: layout)
        return document.render()
    }

    /// The series with every colour filled in: palette colours in order for data lines,
    /// grey for background lines.
    func colouredSeries() -> [ChartSeries] {
        var next = 0
        return series.map { series in
            var series = series
            if series.kind == .background { series.color = ChartPalette.background }
            if series.color == nil {
                series.color = ChartPalette.series[next % ChartPalette.series.count]
                next += 1
            }
            return series
        }
    }

    private func canUseLogScale(_ series: [ChartSeries]) -> Bool {
        let values = series.flatMap { $0.finitePoints.map(\.y) }
        return !values.isEmpty && values.allSatisfy { $0 > 0 }
    }

    private func drawTitle(_ document: inout SVGDocument, logFallback: Bool) {
        document.text(title, x: Layout.plotLeft, y: 20, size: 15, fill: "#111111", bold: true)
        var line = subtitle ?? ""
        if logFallback {
            line += (line.isEmpty ? "" : "; ") + "linear scale: some values are not positive"
        }
        if !line.isEmpty {
            document.text(line, x: Layout.plotLeft, y: 37, size: 11, fill: "#555555")
        }
    }
}
