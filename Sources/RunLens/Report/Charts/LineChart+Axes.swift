/// Scales, grid, ticks and axis titles.
extension LineChart {
    /// The x and y scales of one rendering with their ticks.
    struct Scales {
        let x: ChartScale
        let y: ChartScale
        let xTicks: AxisTicks
        let yTicks: AxisTicks
    }

    /// Ticks and domains covering every drawable point, marker and target line, or `nil`
    /// when there is nothing to draw.
    func ticks(_ colored: [ChartSeries], useLog: Bool) -> (x: AxisTicks, y: AxisTicks)? {
        let points = colored.flatMap(\.finitePoints).filter { !useLog || $0.y > 0 }
        guard !points.isEmpty else { return nil }
        var xs = points.map(\.x)
        var ys = points.map(\.y)
        for marker in markers {
            xs.append(marker.x)
            if let end = marker.end { xs.append(end) }
            if let y = marker.y { ys.append(y) }
        }
        if let xExtent { xs += [xExtent.lowerBound, xExtent.upperBound] }
        ys += thresholds.map(\.y)
        if includeZero && !useLog { ys.append(0) }
        xs = xs.filter(\.isFinite)
        ys = ys.filter { $0.isFinite && (!useLog || $0 > 0) }
        let xMin = xs.min() ?? 0
        let xMax = xs.max() ?? 0
        let yMin = ys.min() ?? 0
        let yMax = ys.max() ?? 0

        let xTicks: AxisTicks
        switch xAxis {
        case .steps: xTicks = .linear(minimum: xMin, maximum: xMax, maxTicks: 8, widen: false)
        case .time(let relative): xTicks = .time(minimum: xMin, maximum: xMax, relative: relative)
        }
        let yTicks: AxisTicks =
            useLog
            ? .logarithmic(minimum: yMin, maximum: yMax) : .linear(minimum: yMin, maximum: yMax)
        return (xTicks, yTicks)
    }

    func drawAxes(_ document: inout SVGDocument, _ scales: Scales, layout: Layout, useLog: Bool) {
        let left = Layout.plotLeft
        for (value, label) in zip(scales.yTicks.values, scales.yTicks.labels) {
            guard let y = scales.y.pixel(value) else { continue }
            document.line(
                from: (left, y), to: (layout.plotRight, y), stroke: ChartPalette.grid)
            document.text(label, x: left - 6, y: y + 4, size: 11, anchor: "end", fill: "#444444")
        }
        for (value, label) in zip(scales.xTicks.values, scales.xTicks.labels) {
            guard let x = scales.x.pixel(value) else { continue }
            document.line(
                from: (x, layout.plotTop), to: (x, layout.plotBottom), stroke: ChartPalette.grid)
            document.line(
                from: (x, layout.plotBottom), to: (x, layout.plotBottom + 4),
                stroke: ChartPalette.axis)
            document.text(
                label, x: x, y: layout.plotBottom + 17, size: 11, anchor: "middle",
                fill: "#444444")
        }
        document.line(
            from: (left, layout.plotTop), to: (left, layout.plotBottom), stroke: ChartPalette.axis)
        document.line(
            from: (left, layout.plotBottom), to: (layout.plotRight, layout.plotBottom),
            stroke: ChartPalette.axis)

        let yTitle = useLog ? "\(yLabel) (log scale)" : yLabel
        document.text(
            yTitle, x: 15, y: (layout.plotTop + layout.plotBottom) / 2, size: 11,
            anchor: "middle", fill: "#333333", rotate: true)
        document.text(
            xTitle(scales), x: (left + layout.plotRight) / 2, y: layout.plotBottom + 34,
            size: 11, anchor: "middle", fill: "#333333")
    }

    /// `step`, `time (UTC) from 2024-05-14`, or `time since the log's start`.
    func xTitle(_ scales: Scales) -> String {
        switch xAxis {
        case .steps: return "step"
        case .time(relative: true): return "time since the log's start"
        case .time(relative: false):
            let iso = TimeFormat.iso(scales.x.lower)
            return "time (UTC) from \(iso.prefix(10)) \(iso.dropFirst(11).prefix(5))"
        }
    }
}
