import Foundation
import Testing

@testable import RunLens

struct LossSpikeDetectorTests {
    typealias Series = DetectorHarness.Series

    /// 2.5 with a bounded wobble of ±0.02.
    static func flat(_ count: Int) -> [Double] {
        (1...count).map { 2.5 + 0.02 * sin(Double($0) * 1.3) }
    }

    @Test func shortJumpIsOneCriticalSpikeThatRecovered() {
        var values = Self.flat(300)
        values[149] = 8.0
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.severity == .critical)
        #expect(incidents.first?.startStep == 150)
        #expect(incidents.first?.endStep == 150)
        #expect(incidents.first?.peak == 8.0)
        #expect(incidents.first?.message.contains("recovered at step 151 (") == true)
        #expect(incidents.first?.message.contains("costing 1 step from") == true)
    }

    /// Loss 2.5 ± 0.02 at 8 on `length` steps from step 150: the trailing mean is 2.5 and the
    /// recovered level 2.5 + 0.125 (5% of it, above 3 typical deviations: consecutive points
    /// differ by at most 0.04, so those are under 3 × 0.04 / √2 = 0.085). Step 150 + length
    /// is back at 2.5 and begins 3 points at 2.5, so the loss recovered there.
    @Test(arguments: [2, 5, 8])
    func multiStepSpikeRecoversAtItsFirstNormalStep(_ length: Int) {
        var values = Self.flat(300)
        for index in 149..<(149 + length) { values[index] = 8.0 }
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 150)
        #expect(incidents.first?.endStep == Double(149 + length))
        #expect(incidents.first?.count == length)
        let message = incidents.first?.message ?? ""
        #expect(message.contains("recovered at step \(150 + length) (the first point at or below"))
        #expect(message.contains("costing \(length) steps from the spike's first point"))
    }

    /// After a spike at step 150, step 151 is 3.5: under twice the trailing mean 2.5, so no
    /// spike point, but above the recovered level 2.625, so not back yet. Steps 152–154 are
    /// back at 2.5: the loss recovered at 152, 2 steps after the spike began. Then a spike at
    /// 250 followed by 2.5 at 251, 3.5 at 252 and 2.5 at 253: the 3 points from 251 average
    /// 2.83, above the level, and so do those from 252, so the loss is back at 253.
    @Test func recoveryIsTheFirstPointBackThatStaysBack() {
        var values = Self.flat(400)
        values[149] = 8.0
        values[150] = 3.5
        values[249] = 8.0
        values[251] = 3.5
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 2)
        #expect(incidents.first?.message.contains("recovered at step 152 (") == true)
        #expect(incidents.first?.message.contains("costing 2 steps") == true)
        #expect(incidents.last?.message.contains("recovered at step 253 (") == true)
        #expect(incidents.last?.message.contains("costing 3 steps") == true)
    }

    @Test func jumpToANewLevelIsJudgedDiverged() {
        var values = Self.flat(300)
        for index in 149..<300 { values[index] = 6.0 }
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 150)
        #expect(incidents.first?.count == 50)
        #expect(incidents.first?.message.contains("diverged") == true)
    }

    // A jump at index 149 that settles at 4.5 is judged 200 points later, or at the end of a
    // log that stops 3 points after it, and says how many points followed it.
    @Test(arguments: [(500, 200), (153, 3)])
    func jumpThatSettlesAboveTheOldLevelPartlyRecovered(_ length: Int, _ later: Int) {
        var values = Self.flat(length)
        values[149] = 10.0
        for index in 150..<length { values[index] = 4.5 }
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        #expect(
            incidents.first?.message.contains(
                "partly recovered: still 80.0% above the trailing mean \(later) points later")
                == true)
    }

    /// A jump to 30 that settles at 2.8: within a tenth of the jump's height (2.75 of 27.5)
    /// of the old level, but 12% above it, more than the 5% that counts as back.
    @Test func aTallSpikeThatSettlesHigherOnlyPartlyRecovered() {
        var values = Self.flat(500)
        values[149] = 30.0
        for index in 150..<500 { values[index] = 2.8 }
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        let message = incidents.first?.message ?? ""
        #expect(message.contains("partly recovered: still 12.0% above the trailing mean"))
    }

    @Test func steepStartAndARestartThatBeginsHighAreNoSpikes() {
        let first: [(Double, Double)] = (0..<100).map { index in
            let decay: Double = 95 * exp(-Double(index) / 15)
            let wobble: Double = 0.3 * sin(Double(index))
            return (19 + Double(index) * 20, decay + 14 + wobble)
        }
        let second: [(Double, Double)] = (0..<60).map { index in
            let decay: Double = 110 * exp(-Double(index) / 15)
            return (19 + Double(index) * 20, decay + 12)
        }
        let series = [Series("total_loss", first + second)]

        #expect(DetectorHarness.run(LossSpikeDetector(), series).isEmpty)
    }

    @Test func quantisedNearZeroLossHasNoSpikes() {
        let values = (1...200).map { $0 % 4 == 0 ? 0.0003 : ($0 % 2 == 0 ? 0.0002 : 0.0001) }
        #expect(DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)]).isEmpty)
    }

    @Test func jumpBelowTwiceTheMeanIsNoSpike() {
        var values = Self.flat(300)
        values[149] = 4.5
        #expect(DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)]).isEmpty)
    }

    @Test func spikesInTheWarmupAreNotJudged() {
        var values = Self.flat(100)
        values[9] = 9.0
        #expect(DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)]).isEmpty)
    }

    @Test func otherMetricsAreNotWatched() {
        var values = Self.flat(300)
        values[149] = 8.0
        #expect(DetectorHarness.run(LossSpikeDetector(), [Series("val_loss", values)]).isEmpty)
    }

    /// Loss 3·e^(−s/100) + 0.5 jumps 4× at step 200, from 0.906 to 3.624. The trailing mean
    /// of steps 100–199 is 0.5 + 0.03 · Σ e^(−s/100)
    /// = 0.5 + 0.03 · e^-1 (1 - e^-1) / (1 - e^-0.01) = 1.201, and 3.624 > 2 × 1.201.
    /// Consecutive points differ by at most 0.03, so the typical deviation stays below
    /// 0.03; measured as the distance from the lagging trailing mean it was about 0.45 and
    /// asked for a jump of 6 × 0.45 = 2.7.
    @Test func jumpWhileTheLossStillFallsFastIsASpike() {
        var values = (1...400).map { 3 * exp(-Double($0) / 100) + 0.5 }
        values[199] *= 4
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 200)
        #expect(incidents.first?.peak == values[199])
        #expect(incidents.first?.message.contains("its trailing mean 1.201") == true)
    }

    /// A climb of 0.25 a step from 2.5 to 10 passes twice its trailing mean at step 162
    /// (5.5 against 2.665), but each point is only 0.25 above the one before, under 6
    /// typical deviations once the climb has lifted them: a rise for the divergence
    /// detector, not a jump.
    @Test func steadyClimbIsNoSpike() {
        let climb = (1...30).map { 2.5 + 0.25 * Double($0) }
        let values = Self.flat(150) + climb + Array(repeating: 10.0, count: 120)
        #expect(DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)]).isEmpty)
    }

    /// A loss alternating 1.8 and 0.2 (mean 1, consecutive points 1.6 apart: a typical
    /// deviation of 1.6 / √2 = 1.13) with 2.3 every 50th point: above twice the mean, but
    /// 1.3 above it, not 6 typical deviations.
    @Test func noiseAsLargeAsTheLevelHidesNoSpike() {
        var values = (1...300).map { $0 % 2 == 0 ? 1.8 : 0.2 }
        for index in stride(from: 49, to: 300, by: 50) { values[index] = 2.3 }
        #expect(DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)]).isEmpty)
    }
}
