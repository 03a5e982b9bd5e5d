import Foundation
import Testing

@testable import RunLens

/// The `run` block of `summary.json`, from metrics built by hand.
struct RunFiguresTests {
    /// A metric entry holding `values` at positions 1, 2, … (or the given positions).
    static func entry(
        _ name: String, _ role: MetricRole?, rank: Int? = nil, scale: Double = 1,
        _ values: [Double], positions: [Double]? = nil
    ) -> SummaryJSON.MetricEntry {
        var summary = SummaryStats()
        var sketch = QuantileSketch()
        for (index, value) in values.enumerated() {
            summary.add(position: positions?[index] ?? Double(index + 1), value: value)
            sketch.add(value)
        }
        let finite = values.filter(\.isFinite)
        let percentiles =
            finite.isEmpty
            ? nil
            : Percentiles(
                p50: StatsTestData.referenceQuantile(finite, 0.5),
                p95: StatsTestData.referenceQuantile(finite, 0.95),
                p99: StatsTestData.referenceQuantile(finite, 0.99), isExact: true)
        let run = RunStats(summary: summary, percentiles: percentiles, ema: nil, sketch: sketch)
        return SummaryJSON.MetricEntry(
            name: name, rank: rank, device: nil, role: role, axis: .step,
            stats: SeriesStatistics.row(run), windows: 1, scale: scale, mergeable: run)
    }

    static let name = RunName(name: "r", given: false)

    @Test func finalLossIsTheMeanOfTheRanksAtTheLastStep() {
        let metrics = [
            Self.entry("loss", .trainLoss, rank: 0, [4, 3, 2]),
            Self.entry("loss", .trainLoss, rank: 1, [4, 3.5, 3]),
            Self.entry("loss", .trainLoss, rank: 2, [4, 1], positions: [1, 2]),
        ]
        let figures = RunFigures(name: Self.name, metrics: metrics, overview: RunOverview())
        #expect(figures.finalTrainLoss == 2.5)
        #expect(figures.trainLossMetric == "loss")
    }

    @Test func aNaNLastLossMakesTheFinalLossNaN() {
        let metrics = [
            Self.entry("loss", .trainLoss, rank: 0, [4, .nan]),
            Self.entry("loss", .trainLoss, rank: 1, [4, 3]),
        ]
        let figures = RunFigures(name: Self.name, metrics: metrics, overview: RunOverview())
        #expect(figures.finalTrainLoss?.isNaN == true)
    }

    @Test func theRolesFirstDefaultNameWins() {
        let metrics = [
            Self.entry("loss", .trainLoss, [5, 4, 3, 2]),
            Self.entry("train/loss", .trainLoss, [9, 8]),
            Self.entry("eval_loss", .valLoss, [7]),
        ]
        let figures = RunFigures(name: Self.name, metrics: metrics, overview: RunOverview())
        #expect(figures.trainLossMetric == "train/loss")
        #expect(figures.finalTrainLoss == 8)
        #expect(figures.finalValLoss == 7)
    }

    @Test func throughputAddsTheRanksMeans() {
        let metrics = [
            Self.entry("tokens_per_second", .throughput, rank: 0, [90, 110]),
            Self.entry("tokens_per_second", .throughput, rank: 1, [200, 400]),
        ]
        let figures = RunFigures(name: Self.name, metrics: metrics, overview: RunOverview())
        #expect(figures.throughput == 400)
    }

    @Test func oneLatencySeriesKeepsItsExactPercentilesInMilliseconds() {
        let values = (1...20).map { Double($0) / 100 }
        let metrics = [Self.entry("latency_s", .latency, scale: 1000, values)]
        let figures = RunFigures(name: Self.name, metrics: metrics, overview: RunOverview())
        // type-7 p95 of 0.01…0.20: position 18.05 → 0.19 + 0.05·0.01 = 0.1905 s
        #expect(abs((figures.latencyP95 ?? 0) - 190.5) < 1e-9)
        #expect(abs((figures.latencyP99 ?? 0) - 198.1) < 1e-9)
        #expect(figures.latencyExact == true)
    }

    @Test func severalLatencySeriesMergeTheirSketches() {
        let metrics = [
            Self.entry("latency_ms", .latency, rank: 0, (1...100).map(Double.init)),
            Self.entry("latency_ms", .latency, rank: 1, (101...200).map(Double.init)),
        ]
        let figures = RunFigures(name: Self.name, metrics: metrics, overview: RunOverview())
        // exact type-7 p95 of 1…200: position 189.05 → 190.05
        #expect(abs((figures.latencyP95 ?? 0) - 190.05) <= 0.005 * 190.05)
        #expect(figures.latencyExact == false)
    }

    @Test func errorRateAndSpanComeFromTheOverview() {
        var overview = RunOverview()
        overview.requests = 200
        overview.failedRequests = 3
        overview.firstTime = 100
        overview.lastTime = 400
        overview.firstStep = 5
        overview.lastStep = 50
        var figures = RunFigures(name: Self.name, metrics: [], overview: overview)
        #expect(figures.errorRate == 0.015)
        #expect(figures.firstTime == 100 && figures.lastTime == 400)
        #expect(figures.firstStep == 5 && figures.lastStep == 50)

        overview.timeIsRelative = true
        figures = RunFigures(name: Self.name, metrics: [], overview: overview)
        #expect(figures.firstTime == nil && figures.lastTime == nil)
    }

    @Test func encodesAndDecodesWithNaN() throws {
        var figures = RunFigures(name: RunName(name: "job", given: true))
        figures.finalTrainLoss = .nan
        figures.throughput = 12.5
        figures.requests = 4
        figures.failedRequests = 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(figures), as: UTF8.self)
        #expect(text.contains("\"finalTrainLoss\":\"NaN\""))
        #expect(text.contains("\"errorRate\":0.25"))
        let back = try JSONDecoder().decode(RunFigures.self, from: Data(text.utf8))
        #expect(back.finalTrainLoss?.isNaN == true)
        #expect(back.throughput == 12.5)
        #expect(back.errorRate == 0.25)
        #expect(back.name == RunName(name: "job", given: true))
    }
}
