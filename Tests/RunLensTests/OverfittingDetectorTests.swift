import Foundation
import Testing

@testable import RunLens

struct OverfittingDetectorTests {
    typealias Series = DetectorHarness.Series

    /// Case 10 (Keras CSVLogger): train loss per epoch 0–39; validation every 4 epochs,
    /// `nan` placeholders between.
    static let kerasLoss = [
        1.9557, 1.7529, 1.575, 1.4133, 1.2726, 1.1504, 1.0275, 0.9258, 0.8364, 0.7497, 0.6755,
        0.6245, 0.5526, 0.4982, 0.4562, 0.4151, 0.3747, 0.3407, 0.3101, 0.286, 0.2594, 0.2424,
        0.2217, 0.2051, 0.1978, 0.1699, 0.1571, 0.1458, 0.1379, 0.1258, 0.1225, 0.1125, 0.1128,
        0.1081, 0.0964, 0.0959, 0.0868, 0.082, 0.0878, 0.0808,
    ]
    static let kerasValidation = [
        1.4602, 0.9329, 0.613, 0.419, 0.3014, 0.3464, 0.3914, 0.4364, 0.4814, 0.5264,
    ]

    @Test func kerasValidationRisingAfterEpoch19WarnsFromEpoch23() {
        var validation = Array(repeating: Double.nan, count: 40)
        for (offset, value) in Self.kerasValidation.enumerated() {
            validation[3 + offset * 4] = value
        }
        let series = [
            Series("loss", from: 0, Self.kerasLoss), Series("val_loss", from: 0, validation),
        ]

        let incidents = DetectorHarness.run(OverfittingDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.severity == .warning)
        #expect(incidents.first?.startStep == 23)
        #expect(incidents.first?.endStep == 39)
        #expect(incidents.first?.metric == "val_loss")
    }

    /// The peak is the last evaluation, 0.5264 at epoch 39; the train loss there is epoch 39's
    /// own, 0.0808 (the last tenth of the 4 epochs since the evaluation before holds no other
    /// point), so the threshold the peak broke is 1.5 × 0.0808 = 0.1212, not the one at the
    /// first evaluation of the stretch.
    @Test func thresholdIsTheOneAtThePeak() {
        let incidents = DetectorHarness.run(OverfittingDetector(), Self.kerasSeries())

        #expect(incidents.first?.peak == 0.5264)
        let threshold = incidents.first?.threshold ?? 0
        #expect(abs(threshold - 0.1212) < 0.00001)
    }

    static func kerasSeries() -> [Series] {
        var validation = Array(repeating: Double.nan, count: 40)
        for (offset, value) in Self.kerasValidation.enumerated() {
            validation[3 + offset * 4] = value
        }
        return [Series("loss", from: 0, Self.kerasLoss), Series("val_loss", from: 0, validation)]
    }

    /// Validation rises at 23 and 27 while the train loss falls, so the rising rule holds at
    /// 27 and starts at 23. Against each epoch's own train loss it is 1.69× at 23
    /// (0.3464 / 0.2051), 2.68× at 27 (0.3914 / 0.1458) and 3.88× at 31 (0.4364 / 0.1125):
    /// whichever ratio rule also fires, and when, the stretch starts at 23.
    @Test(arguments: [1.6, 2, 2.5, 3, 5, 100])
    func kerasStretchStartsAtTheFirstRiseWhateverTheRatio(_ ratio: Double) {
        var settings = OverfittingSettings()
        settings.ratio = ratio

        let incidents = DetectorHarness.run(
            OverfittingDetector(settings: settings), Self.kerasSeries())

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 23)
        #expect(incidents.first?.endStep == 39)
    }

    /// With 3 rises needed and a ratio of 2, the ratio rule opens the stretch at 27 (2.68×)
    /// and the rising rule holds only at 31, after the rises at 23, 27 and 31: the stretch
    /// reaches back to 23.
    @Test func laterRisingRuleMovesTheStartBackToItsFirstRise() {
        var settings = OverfittingSettings()
        settings.ratio = 2
        settings.rises = 3

        let incidents = DetectorHarness.run(
            OverfittingDetector(settings: settings), Self.kerasSeries())

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 23)
        #expect(incidents.first?.endStep == 39)
    }

    /// Case 17 (MLflow): `train/loss` every 10 steps 0–490, `eval/loss` every 50 steps.
    static let mlflowTrain = [
        3.132, 2.9774, 2.8021, 2.6399, 2.5043, 2.3561, 2.2182, 2.1196, 1.9633, 1.9036, 1.7916,
        1.6913, 1.6147, 1.5069, 1.4455, 1.4007, 1.2806, 1.263, 1.2021, 1.1485, 1.1039, 1.025,
        0.9838, 0.9593, 0.8918, 0.8695, 0.8428, 0.8176, 0.7711, 0.7651, 0.7365, 0.6937, 0.6746,
        0.6769, 0.6338, 0.6195, 0.6029, 0.6138, 0.574, 0.544, 0.5313, 0.5449, 0.5151, 0.5092,
        0.5043, 0.4962, 0.488, 0.4732, 0.4681, 0.4593,
    ]
    static let mlflowEval = [2.5546, 2.0062, 1.6133, 1.3317, 1.13, 1.19, 1.25, 1.31, 1.37, 1.43]

    @Test(arguments: [DetectorHarness.Order.byStep, .seriesAfterSeries])
    func mlflowEvalRisingAfterItsMinimumWarnsFromStep300(order: DetectorHarness.Order) {
        let series = [
            Series("eval/loss", from: 50, stride: 50, Self.mlflowEval),
            Series("train/loss", from: 0, stride: 10, Self.mlflowTrain),
        ]

        let incidents = DetectorHarness.run(OverfittingDetector(), series, order: order)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 300)
        #expect(incidents.first?.endStep == 500)
        // 1.13 + 0.06 over the train loss logged at step 300: 1.19 / 0.7365 = 1.616.
        #expect(incidents.first?.message.contains("1.62×") == true)
    }

    /// The Whisper `trainer_state.json`: train loss every 25 steps falls to 0.0001 while
    /// `eval_loss` rises at each evaluation from step 1000.
    @Test func whisperFineTuneOverfitsFromItsFirstEvaluation() {
        let train = (1...200).map { 0.3 * pow(0.955, Double($0)) + 0.0001 }
        let evals = [0.321, 0.3585, 0.3937, 0.4123, 0.42]
        let series = [
            Series("loss", from: 25, stride: 25, train),
            Series("eval_loss", from: 1000, stride: 1000, evals),
        ]

        let incidents = DetectorHarness.run(OverfittingDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 1000)
        #expect(incidents.first?.endStep == 5000)
    }

    @Test func validationReStampedAfterAResumeIsNoRise() {
        let firstPass = (1...40).map { (Double($0 * 2), 4.4 - Double($0) * 0.055) }
        let secondPass = (41...80).map { (Double($0 * 2), 4.4 - Double($0) * 0.0355) }
        let validation: [(Double, Double)] = [
            (0, 6.912), (50, 2.45), (100, 2.05), (100, 2.12), (150, 1.9),
        ]
        let series = [Series("loss", firstPass + secondPass), Series("val_loss", validation)]

        #expect(DetectorHarness.run(OverfittingDetector(), series).isEmpty)
    }

    @Test func eachValidationDomainIsJudgedOnItsOwn() {
        let train = (1...1000).map { 2 + 8 * pow(1 + Double($0) / 50, -0.6) }
        let web = (1...10).map { 1.03 * (2 + 8 * pow(1 + Double($0 * 100) / 50, -0.6)) }
        var code = web
        for index in 5..<10 { code[index] = code[4] * (1 + 0.05 * Double(index - 4)) }
        let series = [
            Series("loss", train), Series("val_loss_web", from: 100, stride: 100, web),
            Series("val_loss_code", from: 100, stride: 100, code),
        ]

        let incidents = DetectorHarness.run(OverfittingDetector(), series)

        #expect(incidents.map(\.metric) == ["val_loss_code"])
        #expect(incidents.first?.startStep == 600)
        #expect(incidents.first?.message.contains("rose at 2 evaluations in a row") == true)
    }

    @Test func validationWithoutTrainLossBeforeItIsNotJudged() {
        let series = [Series("val_loss", [5.0, 6.0, 7.0, 8.0])]
        #expect(DetectorHarness.run(OverfittingDetector(), series).isEmpty)
    }
}
