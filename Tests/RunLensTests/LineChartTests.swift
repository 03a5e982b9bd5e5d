import Testing

@testable import RunLens

struct LineChartTests {
    static func chart(_ series: [ChartSeries], log: Bool = false) -> LineChart {
        var chart = LineChart(title: "Test", yLabel: "value", xAxis: .steps)
        chart.series = series
        chart.logarithmicY = log
        return chart
    }

    @Test func namesWithMarkupStayWellFormed() throws {
        let name = "a<b & \"c\""
        let svg = Self.chart([ChartSeries(name: name, points: [(0, 1), (1, 2)])]).render()
        let check = try #require(ChartCheck(svg))
        #expect(check.paths() == [name])
        #expect(check.texts.contains(name))
    }

    @Test func aGapBreaksTheLineIntoTwoRuns() throws {
        let series = ChartSeries(name: "s", points: [(0, 1), (1, 2), (2, .nan), (3, 2), (4, 1)])
        let check = try #require(ChartCheck(Self.chart([series]).render()))
        let path = try #require(check.pathData("s"))
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(path.filter { $0 == "L" }.count == 2)
    }

    @Test func aLogScaleFallsBackToLinearForValuesThatAreNotPositive() throws {
        let series = ChartSeries(name: "s", points: [(0, 0), (1, 2), (2, 4)])
        let check = try #require(ChartCheck(Self.chart([series], log: true).render()))
        #expect(check.texts.contains("linear scale: some values are not positive"))
        #expect(check.texts.contains("value"))
        #expect(!check.texts.contains("value (log scale)"))
    }

    @Test func aLogScaleIsNamedOnTheAxis() throws {
        let series = ChartSeries(name: "s", points: [(0, 0.01), (1, 1), (2, 100)])
        let check = try #require(ChartCheck(Self.chart([series], log: true).render()))
        #expect(check.texts.contains("value (log scale)"))
        for label in ["0.01", "0.1", "1", "10", "100"] { #expect(check.texts.contains(label)) }
    }

    @Test func aChartWithoutValuesSaysSo() throws {
        let series = ChartSeries(name: "s", points: [(0, .nan)])
        let check = try #require(ChartCheck(Self.chart([series]).render()))
        #expect(check.texts.contains("no values to draw"))
        #expect(!Self.chart([series]).hasData)
    }

    @Test func manyLegendEntriesWrapAndGrowTheImage() throws {
        let series = (0..<8).map { index in
            ChartSeries(name: "a fairly long series name \(index)", points: [(0, 1), (1, 2)])
        }
        let svg = Self.chart(series).render()
        let check = try #require(ChartCheck(svg))
        let root = try #require(check.parsed.all("svg").first)
        let height = try #require(root.attributes["height"].flatMap(Double.init))
        #expect(height > 300)
        #expect(check.paths().count == 8)
    }

    @Test func markersAndThresholdsAreDrawnAndLabelled() throws {
        var chart = Self.chart([ChartSeries(name: "s", points: [(0, 1), (100, 2)])])
        chart.markers = [
            ChartMarker(x: 50, label: "resume 60 → 50", color: "#666666", legend: "resume"),
            ChartMarker(
                x: 20, end: 40, y: 1.8, label: "spike", color: "#C0392B", legend: "incident"),
        ]
        chart.thresholds = [ChartThreshold(y: 1.5, label: "target 1.5")]
        let check = try #require(ChartCheck(chart.render()))
        for text in ["resume 60 → 50", "spike", "target 1.5", "resume", "incident"] {
            #expect(check.texts.contains(text), "\(text)")
        }
        #expect(check.parsed.all("rect").count == 2)  // the background and the span
        #expect(check.parsed.all("circle").contains { $0.attributes["fill"] == "#C0392B" })
    }
}
