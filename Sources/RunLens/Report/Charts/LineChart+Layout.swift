/// Where the parts of a chart go: title lines, legend rows, the plot area.
extension LineChart {
    /// One legend entry: a line swatch, or a marker swatch, and its text.
    struct LegendEntry: Equatable {
        enum Swatch: Equatable {
            case line
            case marker
        }

        var label: String
        var color: String
        var dashed: Bool
        var swatch: Swatch
    }

    /// Pixel geometry of one rendering.
    struct Layout {
        static let plotLeft = 66.0
        static let rightMargin = 20.0
        static let legendTop = 56.0
        static let legendRowHeight = 16.0
        static let labelRowHeight = 12.0

        let height: Double
        let plotRight: Double
        let plotTop: Double
        let plotBottom: Double
        /// The top of the strip above the plot where marker labels go.
        let labelTop: Double
        /// Legend entries with their x position, row by row.
        let legendRows: [[(entry: LegendEntry, x: Double)]]

        /// Lays out `chart` with its `legend` and `labelRows` rows of marker labels.
        init(chart: LineChart, legend: [LegendEntry], labelRows: Int) {
            plotRight = chart.width - Self.rightMargin
            var rows: [[(entry: LegendEntry, x: Double)]] = [[]]
            var x = Self.plotLeft
            for entry in legend {
                let entryWidth = 24 + Self.textWidth(entry.label, size: 11) + 16
                if x + entryWidth > plotRight, !(rows.last?.isEmpty ?? true) {
                    rows.append([])
                    x = Self.plotLeft
                }
                rows[rows.count - 1].append((entry, x))
                x += entryWidth
            }
            legendRows = rows.filter { !$0.isEmpty }
            let extraRows = max(0, legendRows.count - 2)
            height = chart.height + Double(extraRows) * Self.legendRowHeight
            labelTop = Self.legendTop + Double(max(legendRows.count, 1)) * Self.legendRowHeight - 6
            plotTop = labelTop + Double(labelRows) * Self.labelRowHeight + 6
            plotBottom = height - 42
        }

        /// An estimate of the width of `text` in a sans-serif font of `size` pixels.
        static func textWidth(_ text: String, size: Double) -> Double {
            Double(text.count) * size * 0.52
        }
    }

    /// Legend entries: each drawn series (background lines as one entry), target lines,
    /// then one entry per kind of marker.
    func legendEntries(_ colored: [ChartSeries]) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        for series in colored where series.kind != .background {
            entries.append(
                LegendEntry(
                    label: series.name, color: series.color ?? ChartPalette.axis,
                    dashed: series.dashed, swatch: .line))
        }
        let background = colored.filter { $0.kind == .background }
        if !background.isEmpty {
            entries.append(
                LegendEntry(
                    label: "\(background.count) other series", color: ChartPalette.background,
                    dashed: false, swatch: .line))
        }
        for threshold in thresholds {
            entries.append(
                LegendEntry(
                    label: threshold.label, color: threshold.color, dashed: true, swatch: .line))
        }
        var seen: Set<String> = []
        for marker in markers where seen.insert(marker.legend).inserted {
            entries.append(
                LegendEntry(
                    label: marker.legend, color: marker.color, dashed: marker.dashed,
                    swatch: .marker))
        }
        return entries
    }

    func drawLegend(_ document: inout SVGDocument, _ legend: [LegendEntry], layout: Layout) {
        for (row, entries) in layout.legendRows.enumerated() {
            let y = Layout.legendTop + Double(row) * Layout.legendRowHeight
            for (entry, x) in entries {
                let dash = entry.dashed ? "5 3" : nil
                switch entry.swatch {
                case .line:
                    document.line(
                        from: (x, y - 4), to: (x + 18, y - 4), stroke: entry.color, width: 2.5,
                        dash: dash)
                case .marker:
                    document.line(
                        from: (x + 9, y - 11), to: (x + 9, y + 2), stroke: entry.color,
                        width: 2, dash: dash)
                }
                document.text(entry.label, x: x + 24, y: y, size: 11)
            }
        }
    }
}
