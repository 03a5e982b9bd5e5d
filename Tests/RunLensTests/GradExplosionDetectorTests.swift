import Foundation
import Testing

@testable import RunLens

struct GradExplosionDetectorTests {
    typealias Series = DetectorHarness.Series

    @Test func normFarAboveItsMedianIsOneWarning() {
        let series = DivergenceDetectorTests.gradientFirstRun()

        let incidents = DetectorHarness.run(GradExplosionDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.severity == .warning)
        #expect(incidents.first?.metric == "grad_norm")
        #expect(incidents.first?.startStep == 39)
        #expect(incidents.first?.endStep == 40)
        #expect(incidents.first?.peak == 1903.2)
    }

    @Test func highNormsOfTheFirstStepsAndAGradualClimbAreNoExplosion() {
        let start = (1...30).map { 15 * exp(-Double($0) / 5) + 0.8 }
        let steady = (1...100).map { 0.8 + 0.1 * sin(Double($0)) }
        let climb = (1...100).map { 0.8 * pow(1.03, Double($0)) }
        let series = [Series("grad_norm", start + steady + climb)]

        #expect(DetectorHarness.run(GradExplosionDetector(), series).isEmpty)
    }

    @Test func pointAboveTheWindowMinimumButNotTheMedianDoesNotFire() {
        // Steps 1–40 alternate 1 and 10. The median is taken at step 21 over steps 1–20:
        // ten 1s and ten 10s, (1 + 10) / 2 = 5.5, threshold 10 × 5.5 = 55, kept until 25
        // more points are accepted. Step 41 (30) is above 10 × the minimum but below 55;
        // step 42 (60) is above 55.
        let alternating = (1...40).map { $0 % 2 == 1 ? 1.0 : 10.0 }
        let series = [Series("grad_norm", alternating + [30, 60])]

        let incidents = DetectorHarness.run(GradExplosionDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 42)
        #expect(incidents.first?.endStep == 42)
        #expect(incidents.first?.threshold == 55)
        #expect(incidents.first?.peak == 60)
        #expect(incidents.first?.count == 1)
    }

    @Test func restartTakesAFreshBaseline() {
        let first: [(Double, Double)] = (1...100).map { (Double($0), 1.0) }
        let second: [(Double, Double)] = (1...100).map { (Double($0), 30.0) }
        let series = [Series("grad_norm", first + second)]

        #expect(DetectorHarness.run(GradExplosionDetector(), series).isEmpty)
    }

    @Test func aLastingNewLevelEndsAfterTheLongestRunAndIsTakenAsTheBaseline() {
        let values = Array(repeating: 1.0, count: 50) + Array(repeating: 20.0, count: 200)
        let incidents = DetectorHarness.run(GradExplosionDetector(), [Series("grad_norm", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 51)
        #expect(incidents.first?.count == 50)
    }
}
