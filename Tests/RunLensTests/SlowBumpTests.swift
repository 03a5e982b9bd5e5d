import Testing

@testable import RunLens

/// A loss that climbs to a spike's height over several points, each close to the one
/// before, is reported by `loss_spike` when it comes back, and left to `divergence` when it
/// stays up.
struct SlowBumpTests {
    typealias Series = DetectorHarness.Series

    /// 2.0 at odd steps, 2.2 at even ones: the trailing mean is 2.1 and consecutive points
    /// differ by 0.2, so the typical deviation is 0.2/√2 = 0.1414 and a jump needs
    /// 6 × 0.1414 = 0.85 from the point before.
    static func wobble(_ steps: ClosedRange<Int>) -> [Double] {
        steps.map { $0 % 2 == 1 ? 2.0 : 2.2 }
    }

    /// Steps 301–310 climb 0.39 a step from 2.1 to 6 and 311–320 come down again.
    static let climb = (1...10).map { 2.1 + 0.39 * Double($0) }
    static let descent = (1...10).map { 6 - 0.39 * Double($0) }

    /// No step moves more than 0.39, far under the 0.85 a jump needs, so no point is a
    /// spike. Worked by hand: the trailing mean plus 3 typical deviations is about
    /// 2.1 + 0.43 = 2.53, so 2.49 (step 301) is within the noise and 2.88 (step 302) starts
    /// the climb. Twice the trailing mean is about 4.3 when the climb passes it (the 100-point
    /// mean has taken in a few climbing points): 4.44 at step 306 is the first high point, 6
    /// at step 310 the peak, 4.83 at step 313 the last above twice the mean (then about
    /// 2.4). The recovered level is the mean before the climb (2.1) plus 3 typical deviations
    /// (about 0.15 after the climb: 0.45), about 2.56: 2.88 (step 318) is above it and 2.49
    /// (step 319) the first point under it that starts 3 averaging under it.
    @Test func slowBumpThatComesBackIsALossSpikeFromItsStart() {
        let values = Self.wobble(1...300) + Self.climb + Self.descent + Self.wobble(321...500)
        let incidents = DetectorHarness.run(LossSpikeDetector(), [Series("loss", values)])

        #expect(incidents.count == 1)
        let incident = incidents.first
        #expect(incident?.detector == "loss_spike")
        #expect(incident?.startStep == 302)
        #expect(incident?.peak == 6)
        #expect(incident?.endStep == 313)
        let message = incident?.message ?? ""
        #expect(message.contains("climbed from step 302 without a single jump to 6 at step 310"))
        #expect(message.contains("recovered at step 319 ("))
        #expect(message.contains("costing 17 steps from the spike's first point"))
    }

    /// The same climb that stays at 6: the loss never comes back, so it is no spike; the
    /// divergence detector keeps its rise (it withdraws only a rise that came back).
    @Test func slowRiseThatStaysIsLeftToDivergence() {
        let values = Self.wobble(1...300) + Self.climb + Array(repeating: 6.0, count: 190)
        let series = [Series("loss", values)]

        #expect(DetectorHarness.run(LossSpikeDetector(), series).isEmpty)
        let divergence = DetectorHarness.run(DivergenceDetector(), series)
        #expect(divergence.map(\.detector) == ["divergence"])
    }

    /// The bump that came back is withdrawn by the divergence detector, so `loss_spike` is
    /// the only one to report it.
    @Test func divergenceWithdrawsTheBumpThatCameBack() {
        let values = Self.wobble(1...300) + Self.climb + Self.descent + Self.wobble(321...500)
        #expect(DetectorHarness.run(DivergenceDetector(), [Series("loss", values)]).isEmpty)
    }
}
