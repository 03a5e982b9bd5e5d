import Testing

@testable import RunLens

struct BaselineReportSectionTests {
    /// A comparison built by hand: a loss regression, a throughput change within its limit,
    /// an eval score where lower is better, a NaN, and a note.
    static var comparison: BaselineComparison {
        let rules = BaselineSettings()
        var comparison = BaselineComparison(
            ComparableFigures(metrics: [], run: nil, serving: nil),
            with: ComparableFigures(metrics: [], run: nil, serving: nil),
            source: "runs/monday/summary.json", baselineRun: "monday", settings: rules,
            lowerIsBetter: [])
        comparison.kind = .training
        comparison.baselineKind = .training
        comparison.rows = [
            BaselineRow(
                quantity: .finalTrainLoss, metric: "loss", baseline: 1.74, value: 1.92,
                higherIsWorse: true, rule: rules.rule(.finalTrainLoss)),
            BaselineRow(
                quantity: .finalValLoss, metric: "val_loss", baseline: 2.5, value: .nan,
                higherIsWorse: true, rule: rules.rule(.finalValLoss)),
            BaselineRow(
                quantity: .throughput, metric: "tokens_per_second", baseline: 72_500,
                value: 68_000, higherIsWorse: false, rule: rules.rule(.throughput)),
            BaselineRow(
                quantity: .stepTimeMean, metric: "step_time", baseline: 0.42, value: 0.4,
                higherIsWorse: true, rule: rules.rule(.stepTimeMean)),
            BaselineRow(
                quantity: .evalScore, metric: "eval/perplexity", baseline: 8, value: 7.5,
                higherIsWorse: true, rule: rules.rule(.evalScore)),
        ]
        comparison.notes = [
            "Throughput not compared: the baseline measured `samples_per_second`, this run "
                + "`tokens_per_second`."
        ]
        return comparison
    }

    @Test func matchesTheGoldenFile() throws {
        let text = BaselineReportSection.render(Self.comparison)
        #expect(try Golden.mismatch(text, "report-baseline-section.md") == nil)
    }

    @Test func aComparisonOfNothingIsOneLine() {
        var comparison = Self.comparison
        comparison.rows = []
        comparison.notes = [
            "The baseline is a serving run and this is a training run: nothing compared."
        ]

        #expect(
            BaselineReportSection.render(comparison)
                == "## Compared with baseline\n\nBaseline: `runs/monday/summary.json` (run "
                + "`monday`).\n\n- The baseline is a serving run and this is a training run: "
                + "nothing compared.\n")
    }

    @Test func theIncidentNamesTheRuleAndTheBaseline() throws {
        let incident = try #require(Self.comparison.incidents.first)

        // 1.92 vs 1.74: +10.34%, above the 5% limit 1.827.
        #expect(Self.comparison.incidents.count == 1)
        #expect(incident.detector == "baseline_regression" && incident.metric == "loss")
        #expect(incident.severity == .warning && incident.peak == 1.92)
        #expect(abs((incident.threshold ?? 0) - 1.827) < 1e-12)
        #expect(
            incident.message
                == "final train loss 1.92 is 10.3% higher than the baseline's 1.74 "
                + "(worse by more than 5%)")
        #expect(
            incident.evidence == [
                "baseline: runs/monday/summary.json (run monday)",
                "final train loss: baseline 1.74, this run 1.92",
                "rule baseline.final_train_loss: worse by more than 5% is a regression",
            ])
    }
}
