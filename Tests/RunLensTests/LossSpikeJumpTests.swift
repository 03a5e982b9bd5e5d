import Foundation
import Testing

@testable import RunLens

/// `loss_spike` on a loss at or below zero, on jumps joined within the cooldown, and on a
/// climb that ends in a jump. Expected values are worked by hand below and printed by
/// `scripts/loss-rule-model.py`, an independent Python model of the rule.
struct LossSpikeJumpTests {
    typealias Series = DetectorHarness.Series

    /// 100 points alternating 0.98 and 1.02, then 200 alternating -3.02 and -2.98, with
    /// `height` at step 250.
    static func negative(spike height: Double) -> [Double] {
        var values = (0..<100).map { $0 % 2 == 0 ? 0.98 : 1.02 }
        values += (0..<200).map { $0 % 2 == 0 ? -3.02 : -2.98 }
        values[249] = height
        return values
    }

    /// The trailing mean before step 250 is -3 (100 points of -3.02 and -2.98), its highest
    /// since the warm-up 1 (the first 20 points), so its fall is 4; consecutive points differ
    /// by 0.04, a typical deviation of 0.04 / √2 = 0.028 (6 of them: 0.17). The sign-free
    /// threshold is -3 + max(1 × 4, 0.17) = 1: a jump to 3 is a spike, and the loss is back
    /// at step 251. The ratio rule found none: no multiple of -3 is above it.
    @Test func jumpOfANegativeLossAboveItsFallIsASpike() {
        let incidents = DetectorHarness.run(
            LossSpikeDetector(), [Series("loss", Self.negative(spike: 3.0))])

        #expect(incidents.count == 1)
        let incident = incidents.first
        #expect(incident?.startStep == 250)
        #expect(incident?.endStep == 250)
        #expect(incident?.peak == 3.0)
        #expect(abs((incident?.threshold ?? 0) - 1.0) < 1e-9)
        let message = incident?.message ?? ""
        #expect(message.hasPrefix("loss jumped to 3 at step 250, 6"))
        #expect(message.contains(" above its trailing mean -3"))
        #expect(message.contains("rule for a trailing mean at or below zero"))
        #expect(message.contains("its highest since the warm-up, 1"))
        #expect(message.contains("recovered at step 251 ("))
    }

    /// A jump to 0.5 is 3.5 above the mean, far more than 6 typical deviations, but less than
    /// the fall of 4: no spike.
    @Test func jumpOfANegativeLossWithinItsFallIsNoSpike() {
        let series = [Series("loss", Self.negative(spike: 0.5))]
        #expect(DetectorHarness.run(LossSpikeDetector(), series).isEmpty)
    }

    /// Jumps to 8 at steps 150 and 180 on a loss of 2.5: each is back at the next step (the
    /// point after is at 2.5, under the recovered level 2.625), and they are 30 steps apart,
    /// within the cooldown of 50, so they make one incident that names both.
    @Test func jumpsWithinTheCooldownAreOneIncidentNamingEach() {
        var values = LossSpikeDetectorTests.flat(300)
        values[149] = 8.0
        values[179] = 8.0
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 150)
        #expect(incidents.first?.endStep == 180)
        #expect(incidents.first?.count == 2)
        let message = incidents.first?.message ?? ""
        #expect(message.hasPrefix("loss jumped 2 times, each within 50 steps of the one before"))
        #expect(
            message.contains(
                "to 8 at step 150 (3.20× its trailing mean 2.500), recovered at step 151,"
                    + " costing 1 step; to 8 at step 180 (3.20× its trailing mean 2.500),"
                    + " recovered at step 181, costing 1 step"))
        #expect(!message.contains("31 steps"))
    }

    /// Seven jumps 10 steps apart: the first three and the last are named, four in between
    /// counted.
    @Test func manyJoinedJumpsNameTheFirstThreeAndTheLast() {
        var values = LossSpikeDetectorTests.flat(300)
        for index in stride(from: 149, through: 209, by: 10) { values[index] = 8.0 }
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        let message = incidents.first?.message ?? ""
        #expect(message.hasPrefix("loss jumped 7 times"))
        #expect(message.contains("recovered at step 171, costing 1 step; 3 more; to 8 at step 210"))
    }

    /// A climb from step 150 of 2.5 × 0.125 a step, to 2.5× at step 161, and back by step
    /// 173. Step 150 (2.81) is the first point above the trailing mean plus 3 typical
    /// deviations (2.5 + 3 × 0.011). At step 158 (5.31) the loss passes twice the trailing
    /// mean (2.61 after 8 climbing points) and steps 0.31 from the point before, over 6
    /// typical deviations (0.25, the climb having raised them): a jump. The spike starts at
    /// the climb's first point, against the mean before it (2.500): 6.25 is 2.50× that. Step
    /// 172 is 2.81, above the recovered level (2.5 + 3 × 0.042), and 173 is back: 23 steps.
    @Test func climbThatEndsInAJumpStartsAtTheClimbsFirstPoint() {
        var values = LossSpikeDetectorTests.flat(300)
        for step in 1...12 { values[148 + step] = 2.5 * (1 + 1.5 * Double(step) / 12) }
        for step in 1...12 { values[160 + step] = 2.5 * (2.5 - 1.5 * Double(step) / 12) }
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 150)
        #expect(incidents.first?.peak == 6.25)
        let message = incidents.first?.message ?? ""
        #expect(
            message.hasPrefix("loss climbed from step 150 to 6.250 at step 161, 2.50× its"))
        #expect(message.contains("recovered at step 173 ("))
        #expect(message.contains("costing 23 steps"))
    }
}
