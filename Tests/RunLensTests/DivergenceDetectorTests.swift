import Foundation
import Testing

@testable import RunLens

struct DivergenceDetectorTests {
    typealias Series = DetectorHarness.Series

    /// Case 07's shape: grad_norm 0.4–6, then 12, 85.5, 1903.2, +Inf at 41 and NaN after;
    /// the loss finite to 43 (0.21, 0.35, 0.91 over 41–43) and NaN from 44 to 60.
    static func gradientFirstRun() -> [Series] {
        var gradients = (1...37).map { 0.4 + Double($0 % 7) * 0.8 }
        gradients += [12, 85.5, 1903.2, .infinity] + Array(repeating: .nan, count: 19)
        var losses = (1...40).map { 1.2 - Double($0) * 0.025 }
        losses += [0.21, 0.35, 0.91] + Array(repeating: .nan, count: 17)
        return [Series("loss", losses), Series("grad_norm", gradients)]
    }

    @Test(arguments: [DetectorHarness.Order.byStep, .seriesAfterSeries])
    func gradientNormGoingFirstGivesOneIncidentFromItsFirstNonFiniteStep(
        order: DetectorHarness.Order
    ) {
        let incidents = DetectorHarness.run(
            DivergenceDetector(), Self.gradientFirstRun(), order: order)

        #expect(incidents.count == 1)
        let incident = incidents.first
        #expect(incident?.severity == .critical)
        #expect(incident?.metric == "grad_norm")
        #expect(incident?.startStep == 41)
        #expect(incident?.endStep == 60)
        #expect(incident?.location == "run.jsonl:41")
        #expect(incident?.message.contains("step 44") == true)
        #expect(incident?.evidence.contains { $0.contains("NaN at step 44") } == true)
    }

    @Test func nonFiniteTrainLossIsCriticalAtOnceAndValidationNaNIsIgnored() {
        let finite = (1...21).map { 2.0 - Double($0) * 0.09 }
        let losses = finite + Array(repeating: Double.nan, count: 9)
        let validation = [1.04, 0.51, 0.28, .nan, .nan]
        let series = [
            Series("main/loss", from: 100, stride: 100, losses),
            Series("validation/main/loss", from: 600, stride: 600, validation),
        ]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.metric == "main/loss")
        #expect(incidents.first?.startStep == 2200)
        #expect(incidents.first?.endStep == 3000)
        #expect(incidents.first?.count == 9)
        #expect(incidents.first?.location == "run.jsonl:22")
    }

    /// A loss that is NaN at step 7 alone and finite again after it: a divergence at once,
    /// worded as the one point it is, not as a stretch that "stayed non-finite through" it.
    @Test func aSingleNonFiniteLossIsToldAsOnePoint() {
        var losses = (1...20).map { 3.0 - Double($0) * 0.01 }
        losses[6] = .nan
        let incidents = DetectorHarness.run(DivergenceDetector(), [Series("loss", losses)])

        #expect(incidents.map(\.severity) == [.critical])
        #expect(
            incidents.first?.message
                == "loss became NaN at step 7, a single point; rule: a NaN/Inf train loss is a"
                + " divergence at once")
        #expect(
            incidents.first?.evidence.contains("1 non-finite point from step 7 to step 7") == true)
    }

    @Test func isolatedNonFiniteGradientNormsAreOneInfoIncident() {
        var gradients = Array(repeating: 1.0, count: 600)
        gradients[99] = .infinity
        gradients[399] = .nan
        let losses = (1...600).map { 3.0 - Double($0) * 0.001 }
        let series = [Series("loss", losses), Series("grad_norm", gradients)]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.map(\.severity) == [.info])
        #expect(incidents.first?.count == 2)
        #expect(incidents.first?.startStep == 100)
        #expect(incidents.first?.endStep == 400)
    }

    @Test func persistingNonFiniteGradientNormIsADivergenceEvenWithAFiniteLoss() {
        var gradients = Array(repeating: 1.0, count: 100)
        for index in 49..<54 { gradients[index] = .nan }
        let losses = (1...100).map { 3.0 - Double($0) * 0.001 }
        let series = [Series("loss", losses), Series("grad_norm", gradients)]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.map(\.severity) == [.critical])
        #expect(incidents.first?.metric == "grad_norm")
        #expect(incidents.first?.startStep == 50)
        #expect(incidents.first?.endStep == 54)
    }

    @Test func nonFiniteGradientNormsWhileTheLossScaleIsCutAreOverflowSkips() {
        var gradients = Array(repeating: 1.0, count: 100)
        var scales = Array(repeating: 65536.0, count: 100)
        for index in 49..<60 {
            gradients[index] = .infinity
            scales[index] = 65536 / Double(1 << (index - 48))
        }
        for index in 60..<100 { scales[index] = scales[59] }
        let losses = (1...100).map { 3.0 - Double($0) * 0.001 }
        let series = [
            Series("loss", losses), Series("grad_norm", gradients), Series("loss_scale", scales),
        ]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.map(\.severity) == [.info])
        #expect(incidents.first?.count == 11)
    }

    @Test func smoothedLossRisingForGoodIsADivergenceStartingNearTheTurn() {
        let falling = (1...300).map { 2 + 8 * exp(-Double($0) / 40) }
        let rising = (1...200).map { 2.0 * exp(Double($0) / 60) }
        let incidents = DetectorHarness.run(
            DivergenceDetector(), [Series("loss", falling + rising)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.severity == .critical)
        let start = incidents.first?.startStep ?? 0
        #expect(start >= 290 && start <= 330)
        #expect(incidents.first?.threshold != nil)
    }

    /// A loss falling smoothly from 4 towards 1 over 1000 steps, with `outliers` put in
    /// by step: a step whose loss is far off but the curve goes on as before.
    static func smoothLoss(outliers: [Int: Double]) -> [Double] {
        (1...1000).map { (step: Int) -> Double in
            let smooth: Double = 1 + 3 * exp(-Double(step) / 400)
            return outliers[step] ?? smooth
        }
    }

    @Test(arguments: [
        [500: 25.0], [500: 25.0, 501: 20.0], [500: 25.0, 501: 20.0, 502: 15.0],
        [500: 25.0, 501: 10.0, 502: 6.0, 503: 4.0],
    ])
    func shortOutlierThatRecoversIsNoDivergence(outliers: [Int: Double]) {
        let series = [Series("loss", Self.smoothLoss(outliers: outliers))]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.isEmpty)
    }

    /// The same loss held at 25 from step 500 on. The 20-point average (minimum about 1.8
    /// at step 499) is above 1.5× the minimum and rising from step 500, so the rule has
    /// held 5 points in a row at step 504; there 5 of the last 10 raw points are 25, so
    /// their median (about 13) is above the threshold too and it fires with no extra lag.
    /// The stretch starts at step 500, the jump: the first point after the last one near the
    /// minimum (step 499, where the loss was still normal).
    @Test func lossThatStaysHighAfterAJumpIsStillADivergence() {
        let high = Dictionary(uniqueKeysWithValues: (500...1000).map { ($0, 25.0) })
        let series = [Series("loss", Self.smoothLoss(outliers: high))]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 500)
        #expect(
            incidents.first?.evidence.contains { $0.contains("first held at step 504") } == true)
    }

    /// The loss of `smoothLoss` at 25 on `length` steps from step 500, then back on its
    /// curve. As in the test above the rule fires at step 504 (5 of the last 10 raw points
    /// high). Once 4 or fewer of the last 10 are high their median is back on the curve,
    /// below the threshold (about 2.8, 1.5× a smoothed minimum near 1.87): at step
    /// 499 + length + 6, which is within 50 points after step 504 for up to 49 high steps.
    /// So excursions of 5, 8 and 49 steps are withdrawn (spikes); one of 50 steps is still
    /// high at step 554, the 50th point after, and stays a divergence from step 500.
    @Test(arguments: [(5, false), (8, false), (49, false), (50, true)])
    func excursionThatComesBackIsNoDivergence(_ length: Int, _ diverged: Bool) {
        let high = Dictionary(uniqueKeysWithValues: (500..<(500 + length)).map { ($0, 25.0) })
        let series = [Series("loss", Self.smoothLoss(outliers: high))]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.count == (diverged ? 1 : 0))
        #expect(incidents.first?.startStep == (diverged ? 500 : nil))
    }

    /// With withdrawal off (`comeback_points` 0) the 5-step excursion is kept, as before.
    @Test func comebackPointsZeroKeepsEveryRise() {
        var settings = DivergenceSettings()
        settings.comebackPoints = 0
        let high = Dictionary(uniqueKeysWithValues: (500..<505).map { ($0, 25.0) })
        let series = [Series("loss", Self.smoothLoss(outliers: high))]

        let incidents = DetectorHarness.run(DivergenceDetector(settings: settings), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 500)
    }

    /// A jump to 25 for 5 steps that settles at 3.5, above the threshold (about 2.8): the
    /// loss did not come back, so the divergence stays.
    @Test func jumpThatSettlesAboveTheThresholdStaysADivergence() {
        var outliers = Dictionary(uniqueKeysWithValues: (500..<505).map { ($0, 25.0) })
        for step in 505...1000 { outliers[step] = 3.5 }
        let series = [Series("loss", Self.smoothLoss(outliers: outliers))]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 500)
    }

    @Test func riseThatEndsInNaNIsOneDivergence() {
        let falling = (1...300).map { 2 + 8 * exp(-Double($0) / 40) }
        let rising = (1...100).map { 2.0 * exp(Double($0) / 40) }
        let broken = Array(repeating: Double.nan, count: 100)
        let series = [Series("loss", falling + rising + broken)]

        let incidents = DetectorHarness.run(DivergenceDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.endStep == 500)
        #expect(
            incidents.first?.evidence.contains { $0.contains("became NaN at step 401") } == true)
        // The rise's peak was finite; the NaN that followed it in the same incident is worse.
        #expect(incidents.first?.peak?.isNaN == true)
    }

    @Test func tinyQuantisedLossNearZeroDoesNotDiverge() {
        let falling = (1...100).map { 0.3 * exp(-Double($0) / 10) }
        let noise = (1...300).map { $0 % 3 == 0 ? 0.0002 : 0.0001 }
        let incidents = DetectorHarness.run(DivergenceDetector(), [Series("loss", falling + noise)])

        #expect(incidents.isEmpty)
    }

    @Test func restartThatBeginsHighIsNoDivergence() {
        let first: [(Double, Double)] = (0..<100).map { index in
            let step = 19 + Double(index) * 20
            return (step, 100 * exp(-Double(index) / 20) + 15)
        }
        let second: [(Double, Double)] = (0..<100).map { index in
            let step = 19 + Double(index) * 20
            return (step, 110 * exp(-Double(index) / 20) + 12)
        }
        let incidents = DetectorHarness.run(
            DivergenceDetector(), [Series("total_loss", first + second)])

        #expect(incidents.isEmpty)
    }

    @Test func disabledDetectorReportsNothing() {
        var settings = DivergenceSettings()
        settings.enabled = false
        let incidents = DetectorHarness.run(
            DivergenceDetector(settings: settings), Self.gradientFirstRun())

        #expect(incidents.isEmpty)
    }
}
