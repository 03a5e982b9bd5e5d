import Testing

@testable import RunLens

struct LossScaleCollapseDetectorTests {
    typealias Series = DetectorHarness.Series

    /// Case 05's shape: calibration 32768 → 4096 at steps 1–4, growth to 8192 at 55, then a
    /// halving at every step from 61 to 120; `skipped_steps` 1–4, 4 until 60, then 5–64.
    static func collapseRun() -> [Series] {
        var scales = [32768.0, 16384, 8192, 4096] + Array(repeating: 4096.0, count: 50)
        scales += Array(repeating: 8192.0, count: 6)
        var skipped = [1.0, 2, 3, 4] + Array(repeating: 4.0, count: 56)
        for step in 61...120 {
            scales.append(8192 / Double(1 << min(62, step - 60)))
            skipped.append(Double(step - 56))
        }
        scales[scales.count - 1] = 7.105427357601002e-15
        let losses = (1...120).map { step in step <= 60 ? 3.3 - Double(step) * 0.03 : 1.53 }
        return [
            Series("loss", losses), Series("loss_scale", scales), Series("skipped_steps", skipped),
        ]
    }

    @Test func halvingAtEveryStepIsOneCriticalCollapseWithTheSkippedSteps() {
        let incidents = DetectorHarness.run(LossScaleCollapseDetector(), Self.collapseRun())

        #expect(incidents.count == 1)
        let incident = incidents.first
        #expect(incident?.severity == .critical)
        #expect(incident?.startStep == 61)
        #expect(incident?.endStep == 120)
        #expect(incident?.count == 60)
        #expect(incident?.evidence.first == "60 consecutive halvings from 8192 to 7.105e-15")
        let skipped = "skipped_steps went 4 → 64: 60 steps skipped"
        #expect(incident?.evidence.contains(skipped) == true)
    }

    @Test func startupCalibrationIsNoCollapse() {
        var scales = (0..<16).map { 4_294_967_296 / Double(1 << $0) }
        scales += Array(repeating: 65536.0, count: 200)
        #expect(
            DetectorHarness.run(LossScaleCollapseDetector(), [Series("loss_scale", scales)]).isEmpty
        )
    }

    @Test func occasionalCutsBetweenGrowthsAreNoCollapse() {
        var scales: [Double] = []
        var scale = 65536.0
        for step in 1...3000 {
            if step % 500 == 250 { scale /= 2 }
            if step % 500 == 0 { scale *= 2 }
            scales.append(scale)
        }
        #expect(
            DetectorHarness.run(LossScaleCollapseDetector(), [Series("scaler/scale", scales)])
                .isEmpty)
    }

    @Test func scaleFallingBelowTheFloorFromTheStartIsACollapse() {
        let scales = (0..<40).map { 65536 / Double(1 << min(62, $0)) }
        let incidents = DetectorHarness.run(
            LossScaleCollapseDetector(), [Series("loss_scale", scales)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 2)
        #expect(incidents.first?.endStep == 40)
    }

    @Test func cutsSeparatedBySteadyStepsStillCollapse() {
        var scales = Array(repeating: 65536.0, count: 20)
        var scale = 65536.0
        for step in 0..<40 {
            if step % 2 == 0 { scale /= 2 }
            scales.append(scale)
        }
        let incidents = DetectorHarness.run(
            LossScaleCollapseDetector(), [Series("loss_scale", scales)])

        #expect(incidents.count == 1)
        #expect(
            incidents.first?.evidence.first == "20 halvings without a growth from 65536 to 0.0625")
    }

    /// `min_halvings` may be up to 1e15: the threshold is built from the exponent, where
    /// doubling a thousand trillion times hung the analysis.
    @Test func powersOfTwoAreExactUpToTheLargestAndInfiniteBeyond() {
        #expect(ScaleRunTracker.pow2(-3) == 1)
        #expect(ScaleRunTracker.pow2(0) == 1)
        #expect(ScaleRunTracker.pow2(8) == 256)
        #expect(ScaleRunTracker.pow2(1023) == 0x1p1023)
        #expect(ScaleRunTracker.pow2(1024) == .infinity)
        #expect(ScaleRunTracker.pow2(1_000_000_000_000_000) == .infinity)
    }
}
