import Testing

/// Lightning's `LearningRateMonitor` rates and Ultralytics' validation scores take their roles
/// end to end, on files built to have them (see the READMEs beside the fixtures).
struct ToolPatternRoleTests {
    @Test func lightningMonitorRatesAreLearningRates() throws {
        let run = try BinaryRunner.run([
            "analyze", "-q", BinaryRunner.fixture("lightning/lr-monitor-metrics.csv"),
        ])

        #expect(run.status == 0, "\(run.stderr)")
        let roles = try run.summary()["roles"] as? [String: String] ?? [:]
        #expect(roles["lr-AdamW/pg0"] == "learning_rate")
        #expect(roles["lr-AdamW/pg1"] == "learning_rate")
        #expect(roles["lr-AdamW/pg1-momentum"] == nil)
        #expect(roles["train_loss_step"] == "train_loss")
    }

    /// `metrics/mAP50-95(B)` is 0.5 at epochs 1-3 (baseline 0.5, limit 0.95 × 0.5 = 0.475),
    /// 0.25 at epochs 5-7 and 0.51 at 8: one regression, epochs 5-7, worst 0.25, three evals.
    @Test func aFallingMeanAveragePrecisionIsAQualityRegression() throws {
        let run = try BinaryRunner.run([
            "analyze", "-q", BinaryRunner.fixture("ultralytics/yolov8-map-drop-results.csv"),
        ])

        #expect(run.status == 1, "\(run.stderr)")
        let incidents = CSVTestReader.records(run.output("incidents.csv"))
        #expect(incidents.count == 1, "\(incidents)")
        let incident = try #require(incidents.first)
        let columns = [
            "severity", "detector", "metric", "start_step", "end_step", "peak", "threshold",
            "count",
        ]
        #expect(
            columns.map { incident[$0] ?? "" } == [
                "critical", "quality_regression", "metrics/mAP50-95(B)", "5", "7", "0.25",
                "0.475", "3",
            ])
    }
}
