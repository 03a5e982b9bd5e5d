import Foundation
import Testing

@testable import RunLens

struct LossPlateauDetectorTests {
    typealias Series = DetectorHarness.Series

    /// A loss that falls as a power of the step towards 2, with 1% noise.
    static func learning(_ steps: Int, flatFrom: Int? = nil, seed: UInt64 = 7) -> [Double] {
        var random = SeededRandom(seed: seed)
        var frozen = 0.0
        return (1...steps).map { step in
            var base = 2 + 8.5 * pow(1 + Double(step) / 50, -0.6)
            if let flatFrom, step == flatFrom { frozen = base }
            if let flatFrom, step >= flatFrom { base = frozen }
            return base * (1 + 0.01 * random.normal())
        }
    }

    @Test func runThatNeverLearnsIsOnePlateau() {
        var random = SeededRandom(seed: 3)
        let values = (0..<220).map { _ in 7.62 + 0.07 * random.normal() }
        let series = [Series("train_loss", from: 49, stride: 50, values)]

        let incidents = DetectorHarness.run(LossPlateauDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.severity == .warning)
        #expect(incidents.first?.endStep == 10999)
        #expect((incidents.first?.startStep ?? 0) < 3000)
    }

    @Test(arguments: [600, 3000])
    func learningRunHasNoPlateau(steps: Int) {
        for seed in UInt64(1)...5 {
            let series = [Series("loss", Self.learning(steps, seed: seed))]
            #expect(DetectorHarness.run(LossPlateauDetector(), series).isEmpty)
        }
    }

    /// The loss falls from about 10.4 to 3.45 by step 900 (by two thirds: it has learned)
    /// and then stays there while the learning rate stays at its highest: a stall.
    @Test func lossThatStopsFallingAtFullRateIsAPlateauFromAboutWhereItStopped() {
        let rate = Series("lr", Array(repeating: 1e-3, count: 3000))
        let series = [Series("loss", Self.learning(3000, flatFrom: 900)), rate]

        let incidents = DetectorHarness.run(LossPlateauDetector(), series)

        #expect(incidents.count == 1)
        let start = incidents.first?.startStep ?? 0
        #expect(start >= 750 && start <= 1050)
        #expect(incidents.first?.endStep == 3000)
    }

    @Test func fewPointsAreNeverJudged() {
        let series = [Series("loss", Array(repeating: 5.0, count: 49))]
        #expect(DetectorHarness.run(LossPlateauDetector(), series).isEmpty)
    }

    @Test func restartFromTheFirstStepStartsAfresh() {
        let first: [(Double, Double)] = Self.learning(300).enumerated().map {
            (Double($0.offset + 1), $0.element)
        }
        let flatAfterRestart: [(Double, Double)] = (1...40).map { (Double($0), 9.0) }
        let series = [Series("loss", first + flatAfterRestart)]

        #expect(DetectorHarness.run(LossPlateauDetector(), series).isEmpty)
    }

    /// A loss that rises from 2 to 5 at step 151 of 200. The last judgement (at the end)
    /// compares steps 181–200 (all 5) with steps 101–120 (all 2): 150% worse, against the
    /// source document's rule for a rise.
    @Test func risingLossIsWordedAsWorseNotAsNegativelyBetter() {
        let values = (1...200).map { $0 <= 150 ? 2.0 : 5.0 }

        let incidents = DetectorHarness.run(LossPlateauDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        let message = incidents.first?.message ?? ""
        #expect(message.hasPrefix("loss rose: "))
        #expect(message.contains("mean 5 over steps 181–200 against 2 over steps 101–120"))
        #expect(message.contains("(150.0% worse; rule: at most 10.0% worse)"))
        #expect(!message.contains("-"))
    }

    /// Each "mean M over steps a–b" in `message`, read back.
    static func windows(in message: String) -> [(mean: Double, first: Int, last: Int)] {
        let words = message.split(separator: " ").map(String.init)
        return words.indices.compactMap { index in
            guard index + 4 < words.count, words[index] == "over", words[index + 1] == "steps",
                let mean = Double(words[index - 1])
            else { return nil }
            let bounds = words[index + 2].split(separator: "–").compactMap { Int($0) }
            guard bounds.count == 2 else { return nil }
            return (mean, bounds[0], bounds[1])
        }
    }

    /// The loss is the fourth power of its step (so a window one step off has another
    /// mean), rising to `peak`, then flat at 1 so the plateau ends before the run does and
    /// its wording comes from a judgement made in the middle of the run. Every range named
    /// must be the steps whose mean is quoted.
    @Test(arguments: [200, 2500])
    func quotedMeansAreTheMeansOfTheQuotedSteps(peak: Int) {
        let values = (1...peak).map { pow(Double($0), 4) } + Array(repeating: 1.0, count: peak)

        let incidents = DetectorHarness.run(LossPlateauDetector(), [Series("loss", values)])

        #expect(!incidents.isEmpty)
        for incident in incidents {
            let windows = Self.windows(in: incident.message)
            #expect(windows.count == 2)
            for window in windows {
                let steps = (window.first...window.last).map { values[$0 - 1] }
                let mean = steps.reduce(0, +) / Double(steps.count)
                #expect(abs(mean - window.mean) <= 0.001 * mean, "\(incident.message)")
            }
        }
    }

    /// A loss flat at 10 while the learning rate ramps from 0 to 3e-4 over 2000 steps,
    /// then falling by 20% per 1000 steps: no plateau, the flat part is the warm-up and
    /// after it the loss falls. The same loss without a learning rate is a plateau from
    /// the start.
    @Test func flatLossDuringLearningRateWarmUpIsNoPlateau() {
        let losses = (1...4000).map { $0 <= 2000 ? 10.0 : 10 * pow(0.8, Double($0 - 2000) / 1000) }
        let rates = (1...4000).map { 3e-4 * min(1, Double($0) / 2000) }
        let loss = Series("loss", losses)

        let withRate = DetectorHarness.run(
            LossPlateauDetector(), [loss, Series("lr", rates)], order: .seriesAfterSeries)
        let without = DetectorHarness.run(LossPlateauDetector(), [loss])

        #expect(withRate.isEmpty)
        #expect(without.count == 1)
        #expect((without.first?.startStep ?? .infinity) < 200)
    }

    /// A rate that is constant from the start has no warm-up: the flat loss is judged.
    @Test func constantLearningRateHoldsNothingBack() {
        let loss = Series("loss", Array(repeating: 4.0, count: 400))
        let rate = Series("lr", Array(repeating: 1e-3, count: 400))

        let incidents = DetectorHarness.run(LossPlateauDetector(), [loss, rate])

        #expect(incidents.count == 1)
    }

    /// 60 points make 6-point windows: not enough to judge, however flat.
    @Test func windowsOfFewerThanTenPointsAreNotJudged() {
        let series = [Series("loss", Array(repeating: 5.0, count: 99))]
        #expect(DetectorHarness.run(LossPlateauDetector(), series).isEmpty)
    }

    /// 0.96% rounds to the rule's 1.0% at one decimal, so both get two; 0.99996% needs five
    /// before it falls below 1.00000%. Values clear of the rule keep one decimal.
    @Test(arguments: [
        (0.0096, "0.96% better; rule: at least 1.00% better"),
        (0.0099996, "0.99996% better; rule: at least 1.00000% better"),
        (0.005, "0.5% better; rule: at least 1.0% better"),
        (-0.125, "12.5% worse; rule: at least 1.0% better"),
        (0.0, "no better; rule: at least 1.0% better"),
    ])
    func improvementShortOfTheRuleNeverPrintsEqualToIt(_ improvement: Double, _ text: String) {
        #expect(LossPlateauDetector.comparison(improvement, rule: 0.01) == text)
    }
}
