import Testing

@testable import RunLens

struct QualityRegressionDetectorTests {
    private func run(
        _ name: String, _ values: [Double], settings: ServingSettings = ServingSettings()
    ) -> [Incident] {
        let detector = QualityRegressionDetector(settings: settings)
        let filler = FieldInfo(rawName: "latency_ms", matcher: RoleMatcher())
        detector.seriesCreated(
            SeriesDescriptor(
                key: SeriesKey(field: 0, rank: -1, device: -1), info: filler, axis: .time))
        let info = FieldInfo(rawName: name, matcher: RoleMatcher())
        detector.seriesCreated(
            SeriesDescriptor(
                key: SeriesKey(field: 1, rank: -1, device: -1), info: info, axis: .time))
        for (index, value) in values.enumerated() {
            let point = Point(
                step: .nan, time: 1_715_677_200 + Double(index) * 600, value: value,
                line: Int32(index + 1), file: 0)
            detector.observe(series: 1, point: point)
            detector.observe(
                series: 0, point: Point(step: .nan, time: point.time, value: 1, line: 0, file: 0))
        }
        detector.finish()
        return detector.incidents(in: ServingSamples.context)
    }

    @Test func scoreBelowNinetyFivePercentOfTheFirstEvalsIsARegression() throws {
        // Baseline (0.70 + 0.71 + 0.69) / 3 = 0.70; 0.63 and 0.62 are 90% and 88.6% of it.
        let found = run("eval/mmlu", [0.70, 0.71, 0.69, 0.70, 0.63, 0.62, 0.70])
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.detector == "quality_regression" && incident.metric == "eval/mmlu")
        #expect(incident.severity == .critical)
        #expect(incident.peak == 0.62)
        #expect(abs((incident.threshold ?? 0) - 0.665) < 1e-12)
        #expect(incident.count == 2)
        #expect(incident.startTime == 1_715_677_200.0 + 2400)
        #expect(incident.endTime == 1_715_677_200.0 + 3000)
        #expect(incident.location == "log.jsonl:5")
        #expect(
            incident.message.hasPrefix("eval/mmlu fell to 0.6200 (88.6% of its baseline 0.7000"))
    }

    @Test func oneLowEvalIsNotEnough() {
        #expect(run("thumbs_up_rate", [0.82, 0.82, 0.82, 0.70, 0.82, 0.82]).isEmpty)
    }

    @Test func smallDropStaysAboveTheFloor() {
        // 0.67 is 95.7% of 0.70.
        #expect(run("hellaswag_accuracy", [0.70, 0.70, 0.70, 0.67, 0.67, 0.67]).isEmpty)
    }

    @Test func lowerIsBetterScoresRegressWhenTheyRise() throws {
        let found = run("regeneration_rate", [0.10, 0.10, 0.10, 0.09, 0.08, 0.11, 0.12])
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.peak == 0.12)
        #expect(incident.message.contains("rose to"))
        #expect(abs((incident.threshold ?? 0) - 0.10 / 0.95) < 1e-12)
    }

    @Test func configuredBaselineJudgesFromTheFirstEval() throws {
        var settings = ServingSettings()
        settings.qualityBaselines = ["eval/mmlu": 0.8]
        let incident = try #require(run("eval/mmlu", [0.75, 0.74, 0.79], settings: settings).first)

        #expect(incident.startTime == 1_715_677_200)
        #expect(incident.count == 2)
        #expect(incident.message.contains("configured"))
    }

    @Test func validationLossIsNoEvalScore() {
        #expect(run("val_loss", [6.9, 2.45, 2.05, 2.12, 1.90]).isEmpty)
    }

    @Test func nonFiniteEvalsAreSkipped() {
        #expect(run("eval/mmlu", [0.7, .nan, 0.7, 0.7, .nan, 0.7]).isEmpty)
    }

    @Test func disabledDetectorRaisesNothing() {
        var settings = ServingSettings()
        settings.qualityEnabled = false
        #expect(run("eval/mmlu", [0.7, 0.7, 0.7, 0.1, 0.1], settings: settings).isEmpty)
    }

    /// A step-indexed run: `loss` at every step, `accuracy` (named `name`) at every step.
    private func training(_ name: String, loss: [Double], accuracy: [Double]) -> [Incident] {
        let detector = QualityRegressionDetector()
        for (field, metric) in ["main/loss", name].enumerated() {
            let info = FieldInfo(rawName: metric, matcher: RoleMatcher())
            let key = SeriesKey(field: Int32(field), rank: -1, device: -1)
            detector.seriesCreated(SeriesDescriptor(key: key, info: info, axis: .step))
        }
        for (series, values) in [loss, accuracy].enumerated() {
            for (index, value) in values.enumerated() {
                let point = Point(
                    step: Double(index + 1) * 100, time: .nan, value: value, line: 1, file: 0)
                detector.observe(series: series, point: point)
            }
        }
        detector.finish()
        return detector.incidents(in: ServingSamples.context)
    }

    @Test func collapseAfterANonFiniteLossBelongsToTheDivergence() {
        let accuracy = [0.80, 0.82, 0.84, 0.85, 0.10, 0.10]
        #expect(
            training(
                "validation/main/accuracy", loss: [2, 1.5, 1.2, 1, .nan, .nan], accuracy: accuracy
            ).isEmpty)
        #expect(
            training("validation/main/accuracy", loss: [2, 1.5, 1.2, 1, 1, 1], accuracy: accuracy)
                .count == 1)
    }

    @Test func collapseBeforeTheLossWentNonFiniteIsReported() throws {
        let accuracy = [0.80, 0.82, 0.84, 0.10, 0.10, 0.10]
        let found = training(
            "validation/main/accuracy", loss: [2, 1.5, 1.2, 1, 1, .nan], accuracy: accuracy)
        let incident = try #require(found.first)

        #expect(incident.startStep == 400)
    }

    @Test func trainingScopeScoresAreNoEvals() {
        #expect(QualityRegressionDetector.isTrainingScore("main/accuracy"))
        #expect(QualityRegressionDetector.isTrainingScore("train/accuracy"))
        #expect(!QualityRegressionDetector.isTrainingScore("validation/main/accuracy"))
        #expect(!QualityRegressionDetector.isTrainingScore("eval/mmlu"))
        let accuracy = [0.80, 0.82, 0.84, 0.10, 0.10, 0.10]
        #expect(
            training("main/accuracy", loss: [2, 1.5, 1.2, 1, 1, 1], accuracy: accuracy).isEmpty)
    }
}
