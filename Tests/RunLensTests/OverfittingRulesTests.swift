import Foundation
import Testing

@testable import RunLens

/// The overfitting rules on losses of either sign, on noisy and slowly rising evaluations, and
/// against the train loss of each evaluation's own time (as users reported them).
struct OverfittingRulesTests {
    typealias Series = DetectorHarness.Series

    /// Reported `neg_overfit2.jsonl`: a Gaussian NLL per epoch, train −2.0 falling 0.05 an
    /// epoch, validation −1.9 falling 0.5% an epoch. Every evaluation is lower than the one
    /// before, so nothing rose; and a ratio to a negative train loss is not judged.
    @Test func negativeValidationFallingIsNoRise() {
        let validation = [
            -1.9, -1.9095, -1.919, -1.9286, -1.9383, -1.948, -1.9577, -1.9675, -1.9773, -1.9872,
            -1.9972, -2.0072,
        ]
        let train = (0..<12).map { -2.0 - 0.05 * Double($0) }
        let series = [
            Series("train_loss", from: 0, train), Series("val_loss", from: 0, validation),
        ]

        #expect(DetectorHarness.run(OverfittingDetector(), series).isEmpty)
    }

    /// A negative validation loss that turns and climbs toward zero is a rise: −2.000 at
    /// epoch 2, then −1.970 (+0.030, 1.5% of 2.000) and −1.940 (+0.030, 1.52% of 1.970), each
    /// above the 1% a rise needs while ten evaluations do not yet measure the noise. The
    /// train loss (−2.0 − 0.1 × epoch) falls throughout; being negative, it sets no ratio
    /// threshold.
    @Test func negativeValidationClimbingTowardZeroRises() {
        let validation = [-1.9, -1.95, -2.0, -1.97, -1.94, -1.91]
        let train = (0..<6).map { -2.0 - 0.1 * Double($0) }
        let series = [
            Series("train_loss", from: 0, train), Series("val_loss", from: 0, validation),
        ]

        let incidents = DetectorHarness.run(OverfittingDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 3)
        #expect(incidents.first?.endStep == 5)
        #expect(incidents.first?.threshold == nil)
        let message = incidents.first?.message ?? ""
        #expect(message.contains("rose at 2 evaluations in a row (-2 → -1.970 → -1.940)"))
        #expect(message.contains("rule: 2 rises in a row of more than 1.0% each"), "\(message)")
    }

    /// A validation loss above 1.5 × a train loss below zero (0.2 against −0.5 and −0.6) is
    /// no ratio: the rule is judged only where the train loss is above 0.
    @Test func ratioToATrainLossAtOrBelowZeroIsNotJudged() {
        let series = [
            Series("train_loss", from: 0, [-0.5, -0.55, -0.6, 0, -0.65]),
            Series("val_loss", from: 0, [0.2, 0.2, 0.2, 0.2, 0.2]),
        ]

        #expect(DetectorHarness.run(OverfittingDetector(), series).isEmpty)
    }

    /// Reported `exp_0.1_2.jsonl`: validation every 250 steps, flat at 2.20 after the fall
    /// with 2% noise; its last three rises (2.124 → 2.183 → 2.206 → 2.249, +0.1257) come out
    /// of a low one. The noise of the 20 evaluations is σ = 0.06074 (median second difference
    /// over 0.6745√6), so a run must climb 4 × σ√2 = 0.3436: no warning. Expected values from
    /// `fixtures/overfitting/rising-reference.py`, a separate Python model of the rule.
    @Test func noisyFlatValidationIsNoRise() {
        let series = Self.againstFallingTrain("val_loss", Self.flatNoisy, every: 250) { step in
            2 + 8 * exp(-step / 500)
        }

        #expect(DetectorHarness.run(OverfittingDetector(), series).isEmpty)
    }

    /// Reported `slow_overfit.jsonl`: `eval_loss` every 200 steps falls to 1.45845 at 1600,
    /// then rises 0.6% at each of 12 evaluations (to 1.56699 at 4000) while the train loss
    /// falls. No single rise reaches 1%, but the run does: at 3200 it has climbed 0.07149
    /// over 8 rises against 4 × σ√2 = 0.05594 (σ = 0.009890). Expected values from
    /// `fixtures/overfitting/rising-reference.py`.
    @Test func slowSteadyRiseAboveTheNoiseWarnsFromItsFirstRise() {
        let series = Self.againstFallingTrain("eval_loss", Self.slowRise, every: 200) { step in
            1.2 + 3 * exp(-step / 600)
        }

        let incidents = DetectorHarness.run(OverfittingDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 1800)
        #expect(incidents.first?.endStep == 4000)
        #expect(incidents.first?.count == 5)
        let message = incidents.first?.message ?? ""
        let values = "1.458 → … → 1.494 → 1.503 → 1.512 → 1.521 → 1.530"
        #expect(message.contains("rose at 8 evaluations in a row (\(values))"), "\(message)")
        #expect(message.contains("more than 1.0% and 0.0559 (4 × σ√2, σ 0.0099"), "\(message)")
    }

    /// Reported `exp_0.1_2.jsonl` validation, every 250 steps.
    static let flatNoisy = [
        7.33074, 5.39515, 4.19825, 3.37482, 3.01011, 2.70325, 2.38896, 2.40846, 2.33488, 2.24174,
        2.22613, 2.30287, 2.25263, 2.15401, 2.16301, 2.30006, 2.12375, 2.18337, 2.20607, 2.24945,
    ]

    /// Reported `slow_overfit.jsonl` evaluations, every 200 steps.
    static let slowRise = [
        3.39959, 2.79025, 2.35364, 2.04079, 1.81663, 1.65601, 1.54092, 1.45845, 1.4672, 1.476,
        1.48486, 1.49377, 1.50273, 1.51175, 1.52082, 1.52994, 1.53912, 1.54836, 1.55765, 1.56699,
    ]

    /// `evals` every `stride` steps, against a train loss `train(step)` logged every 10 steps
    /// up to the last evaluation.
    static func againstFallingTrain(
        _ name: String, _ evals: [Double], every stride: Double, train: (Double) -> Double
    ) -> [Series] {
        let last = Int(stride) * evals.count / 10
        return [
            Series("loss", from: 10, stride: 10, (1...last).map { train(Double($0 * 10)) }),
            Series(name, from: stride, stride: stride, evals),
        ]
    }

    /// Reported `overfit_ratio.jsonl`: one train and one validation point per epoch, the
    /// validation flat at 1.0 from epoch 7. Against each epoch's own train loss the ratio is
    /// 1/0.72303 = 1.383 at epoch 8 and 1/0.66448 = 1.505 at epoch 9, the first above 1.5;
    /// the mean of epochs 9–11 (0.6194) would have put it at epoch 11.
    @Test func perEpochRatioUsesTheEpochsOwnTrainLoss() {
        let train = [
            2.0, 1.70997, 1.47251, 1.2781, 1.11893, 0.98861, 0.88191, 0.79456, 0.72303, 0.66448,
            0.61654, 0.57729,
        ]
        let validation = [
            2.2, 1.90997, 1.67251, 1.4781, 1.31893, 1.18861, 1.08191, 1, 1, 1, 1, 1,
        ]
        let series = [
            Series("train_loss", from: 0, train), Series("val_loss", from: 0, validation),
        ]

        let incidents = DetectorHarness.run(OverfittingDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 9)
        let message = incidents.first?.message ?? ""
        #expect(message.contains("1 at step 9 is 1.505× the train loss 0.6645"), "\(message)")
        #expect(incidents.first?.evidence.first == "1 at step 9 against train 0.6645 (step 9)")
    }

    /// Dense train points still average up to three, from the last tenth of the steps since
    /// the evaluation before: evaluations at 100 and 200, train at every step with 1.0 at
    /// odd steps and 0.4 at even ones. At 200 the tenth reaches back to step 190, so the
    /// points are 198, 199 and 200: (0.4 + 1.0 + 0.4) / 3 = 0.6, and 1.0 is 1.67× that.
    @Test func denseTrainPointsAreAveragedNearTheEvaluation() {
        let train = (1...200).map { $0 % 2 == 1 ? 1.0 : 0.4 }
        let series = [
            Series("loss", train), Series("val_loss", from: 100, stride: 100, [0.8, 1.0]),
        ]

        let incidents = DetectorHarness.run(OverfittingDetector(), series)

        #expect(incidents.count == 1)
        let evidence = incidents.first?.evidence.first ?? ""
        let level = "0.6000 (mean of 3 points, steps 198–200)"
        #expect(evidence == "1 at step 200 against train \(level)")
    }

    /// Second differences of 0, 1, 0, 1, ... are all ±2, so σ = 2 / (0.6745 × √6) = 1.21052;
    /// a straight line has none; nine values are too few.
    @Test func evaluationNoiseComesFromSecondDifferences() {
        var alternating = EvalNoise()
        var line = EvalNoise()
        for index in 0..<10 {
            alternating.add(Double(index % 2))
            line.add(3 - 0.25 * Double(index))
        }
        var short = EvalNoise()
        for index in 0..<9 { short.add(Double(index % 2)) }

        #expect(abs((alternating.noise ?? 0) - 1.21052) < 0.00001)
        #expect(line.noise == 0)
        #expect(short.noise == nil)
    }
}
