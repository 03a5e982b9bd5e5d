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

    @Test func lossThatStopsFallingIsAPlateauFromAboutWhereItStopped() {
        let series = [Series("loss", Self.learning(3000, flatFrom: 900))]

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
}
