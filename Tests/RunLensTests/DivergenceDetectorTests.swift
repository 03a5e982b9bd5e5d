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
