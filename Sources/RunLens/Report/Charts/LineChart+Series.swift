/// Lines, target lines and markers.
extension LineChart {
    /// Series with at most this many points get a dot at each (sparse evaluations).
    static let dottedPoints = 30

    /// One `<path>` per series; a point alone between gaps gets a dot so it is not lost, and
    /// so does every point of a sparse series.
    func drawSeries(_ document: inout SVGDocument, _ series: ChartSeries, _ scales: Scales) {
        let runs = pixelRuns(series, scales)
        let path = runs.map { run in
            run.enumerated().map { index, point in
                (index == 0 ? "M" : "L") + SVGDocument.number(point.0) + " "
                    + SVGDocument.number(point.1)
            }.joined(separator: " ")
        }.joined(separator: " ")

        let color = series.color ?? ChartPalette.axis
        let width = series.kind == .background ? 1 : (series.kind == .trend ? 1.6 : 1.8)
        var attributes: [SVGDocument.Attribute] = [
            ("class", series.kind.rawValue), ("d", path), ("fill", "none"), ("stroke", color),
            ("stroke-width", SVGDocument.number(width)), ("stroke-linejoin", "round"),
            ("stroke-linecap", "round"),
        ]
        if series.dashed { attributes.append(("stroke-dasharray", "6 4")) }
        document.element(
            "path", attributes, children: ["<title>\(XMLText.content(series.name))</title>"])

        let dotted = series.kind == .data && series.points.count <= Self.dottedPoints
        let dots = dotted ? runs.flatMap { $0 } : runs.filter { $0.count == 1 }.flatMap { $0 }
        for (x, y) in dots {
            document.element(
                "circle",
                [
                    ("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)), ("r", "2.5"),
                    ("fill", color),
                ])
        }
    }

    /// The drawable points of `series` in pixels, split where a point cannot be drawn.
    func pixelRuns(_ series: ChartSeries, _ scales: Scales) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = [[]]
        for point in series.points {
            if let x = scales.x.pixel(point.x), let y = scales.y.pixel(point.y) {
                runs[runs.count - 1].append((x, y))
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        return runs.filter { !$0.isEmpty }
    }

    func drawThresholds(_ document: inout SVGDocument, _ scales: Scales, layout: Layout) {
        for threshold in thresholds {
            guard scales.y.contains(threshold.y), let y = scales.y.pixel(threshold.y) else {
                continue
            }
            document.line(
                from: (Layout.plotLeft, y), to: (layout.plotRight, y), stroke: threshold.color,
                width: 1.5, dash: "8 4")
            document.text(
                threshold.label, x: layout.plotRight - 4, y: y - 5, size: 10, anchor: "end",
                fill: threshold.color, halo: true)
        }
    }

    /// Shaded spans and vertical lines, drawn behind the series.
    func drawMarkerSpans(_ document: inout SVGDocument, _ scales: Scales, layout: Layout) {
        for marker in markers {
            guard let x = scales.x.clampedPixel(marker.x) else { continue }
            if let end = marker.end, end > marker.x, let xEnd = scales.x.clampedPixel(end) {
                document.element(
                    "rect",
                    [
                        ("x", SVGDocument.number(x)), ("y", SVGDocument.number(layout.plotTop)),
                        ("width", SVGDocument.number(max(xEnd - x, 1))),
                        ("height", SVGDocument.number(layout.plotBottom - layout.plotTop)),
                        ("fill", marker.color), ("fill-opacity", "0.15"),
                    ])
            }
            document.line(
                from: (x, layout.labelTop), to: (x, layout.plotBottom), stroke: marker.color,
                width: 1.5, dash: marker.dashed ? "4 3" : nil)
        }
    }

    /// Dots at the markers' values (a spike's peak), drawn over the series.
    func drawMarkerPoints(_ document: inout SVGDocument, _ scales: Scales) {
        for marker in markers {
            guard let value = marker.y, let x = scales.x.pixel(marker.x),
                let y = scales.y.pixel(value)
            else { continue }
            document.element(
                "circle",
                [
                    ("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)), ("r", "4"),
                    ("fill", marker.color), ("stroke", "#ffffff"), ("stroke-width", "1.5"),
                ])
        }
    }

    /// Where one marker's label goes.
    struct LabelPlacement {
        var text: String
        var color: String
        var row: Int
        var x: Double
        var anchorsStart: Bool
    }

    /// Labels in up to three rows above the plot, beside their lines; a label that fits
    /// nowhere is left out (its line stays, and the report lists every incident).
    func placeLabels(_ xScale: ChartScale) -> [LabelPlacement] {
        let right = width - Layout.rightMargin
        var rows: [[ClosedRange<Double>]] = [[], [], []]
        var placements: [LabelPlacement] = []
        for marker in markers.sorted(by: { $0.x < $1.x }) {
            guard let x = xScale.clampedPixel(marker.x) else { continue }
            let width = Layout.textWidth(marker.label, size: 10)
            let startsHere = x + 4 + width <= right
            let span = startsHere ? (x + 4)...(x + 4 + width) : (x - 4 - width)...(x - 4)
            let padded = (span.lowerBound - 6)...(span.upperBound + 6)
            guard span.lowerBound >= Layout.plotLeft - 40,
                let row = rows.indices.first(where: { !rows[$0].contains { $0.overlaps(padded) } })
            else { continue }
            rows[row].append(span)
            placements.append(
                LabelPlacement(
                    text: marker.label, color: marker.color, row: row,
                    x: startsHere ? x + 4 : x - 4, anchorsStart: startsHere))
        }
        return placements
    }

    func drawMarkerLabels(
        _ document: inout SVGDocument, _ labels: [LabelPlacement], layout: Layout
    ) {
        for label in labels {
            document.text(
                label.text, x: label.x,
                y: layout.labelTop + 10 + Double(label.row) * Layout.labelRowHeight, size: 10,
                anchor: label.anchorsStart ? "start" : "end", fill: label.color)
        }
    }
}
