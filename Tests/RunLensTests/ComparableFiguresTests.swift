import Testing

@testable import RunLens

struct ComparableFiguresTests {
    private static func figures(_ result: AnalysisResult) -> ComparableFigures {
        let document = SummaryJSON.document(result, version: "test")
        return ComparableFigures(metrics: document.metrics, run: document.run, serving: nil)
    }

    @Test func trainingFiguresComeFromEveryRank() throws {
        let figures = Self.figures(ReportFixture.training)

        // Both ranks end at the last step: final loss (1.74 + 1.86) / 2; best is rank 0's
        // minimum 1.7; throughput sums the ranks' means 40000 + 32500.
        #expect(figures.kind == .training)
        let final = try #require(figures.figures[.finalTrainLoss])
        #expect(abs(final.value - 1.8) < 1e-12 && final.metric == "loss")
        #expect(figures.figures[.bestTrainLoss]?.value == 1.7)
        #expect(figures.figures[.finalValLoss]?.value == 2.5)
        #expect(figures.figures[.bestValLoss]?.value == 2.4)
        #expect(figures.figures[.throughput] == .init(value: 72_500, metric: "tokens_per_second"))
        #expect(figures.figures[.stepTimeMean] == nil)
        #expect(figures.figures[.latencyP99] == nil)
    }

    @Test func requestLogsAreServingRuns() {
        var result = ReportFixture.serving
        result.series[0].stats.p99 = 4.4
        let figures = Self.figures(result)

        // 1200 requests, none failed; without a serving block the latency percentiles come
        // from the run block: the series' p95 (its maximum here, 4.5 s) and p99 in ms.
        #expect(figures.kind == .serving)
        #expect(figures.figures[.errorRate] == .init(value: 0, metric: "error_rate"))
        #expect(figures.figures[.latencyP95] == .init(value: 4500, metric: "latency_p95"))
        #expect(figures.figures[.latencyP99] == .init(value: 4400, metric: "latency_p99"))
        #expect(figures.figures[.latencyP50] == nil)
        #expect(figures.figures[.finalTrainLoss] == nil)
    }

    @Test func aRunWithNeitherIsOther() {
        var result = ReportFixture.training
        result.series = result.series.filter { $0.role == .gpuMemory }
        #expect(Self.figures(result).kind == .other)
    }

    @Test func runsOfDifferentKindsCompareNothing() {
        let comparison = BaselineComparison(
            Self.figures(ReportFixture.training), with: Self.figures(ReportFixture.serving),
            source: "s.json", baselineRun: nil, settings: BaselineSettings(), lowerIsBetter: [])

        #expect(comparison.rows.isEmpty)
        #expect(
            comparison.notes == [
                "The baseline is a serving run and this is a training run: nothing compared."
            ])
        #expect(comparison.incidents.isEmpty)
    }
}
