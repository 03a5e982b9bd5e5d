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
        // 60 halvings over the 60 updates from step 60 to 120.
        #expect(incident?.message.hasSuffix("every update overflowed and was skipped") == true)
    }

    /// Reported `slow_scale_drift.jsonl`: a healthy fp16 run whose scale (65536) halves at
    /// one overflow every 500 steps and never grows (PyTorch grows it only after 2000 clean
    /// steps): 10 halvings to 64 between steps 500 and 5000, a fall of 2^10, but 10 skipped
    /// updates of the 4501 from step 499 to 5000 (0.2%, far below half). No collapse.
    @Test func slowDriftThroughRareOverflowsIsNoCollapse() {
        var scales: [Double] = []
        var skipped: [Double] = []
        for step in 1...5000 {
            let cuts = step / 500
            scales.append(65536 / Double(1 << cuts))
            skipped.append(Double(cuts))
        }
        let series = [Series("loss_scale", scales), Series("skipped_steps", skipped)]

        #expect(DetectorHarness.run(LossScaleCollapseDetector(), series).isEmpty)
    }

    /// The share of skipped updates decides: 16 halvings from 2^20 to 16 (above the floor),
    /// after 20 steady steps. A halving at every second step spans the 31 updates from step
    /// 20 to 51 with 16 skipped (51.6%, a collapse); at every third, the 46 from 20 to 66
    /// (34.8%, none).
    @Test(arguments: [(2, true, 31.0), (3, false, 46.0)])
    func collapseNeedsMostUpdatesSkipped(every gap: Int, collapses: Bool, updates: Double) {
        var scales = Array(repeating: 1_048_576.0, count: 20)
        var scale = 1_048_576.0
        for offset in 0..<(16 * gap) {
            if offset % gap == 0 { scale /= 2 }
            scales.append(scale)
        }

        let incidents = DetectorHarness.run(
            LossScaleCollapseDetector(), [Series("loss_scale", scales)])

        #expect(incidents.count == (collapses ? 1 : 0))
        guard collapses else { return }
        #expect(incidents.first?.startStep == 21)
        #expect(incidents.first?.endStep == 51)
        let message = incidents.first?.message ?? ""
        #expect(message.hasSuffix("about 16 of its 31 updates (51.6%) overflowed and were skipped"))
    }

    /// Logged every tenth step, a scale overflowing at every step shows a cut by 2^10 at
    /// each point: 2^60 held to step 40, then 2^50, 2^40 and 2^30 at 50, 60 and 70, which
    /// is 30 halvings over the 30 updates from step 40 to 70.
    @Test func sparselyLoggedScaleStillShowsEveryUpdateSkipped() {
        let held = Array(repeating: 0x1p60, count: 5)
        let scales = held + [0x1p50, 0x1p40, 0x1p30]
        let incidents = DetectorHarness.run(
            LossScaleCollapseDetector(),
            [Series("loss_scale", from: 0, stride: 10, scales)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 50)
        #expect(incidents.first?.endStep == 70)
        let message = incidents.first?.message ?? ""
        #expect(message.hasSuffix("every update overflowed and was skipped"), "\(message)")
    }

    /// A scale below the floor is a collapse however rarely it was cut: 4 held at steps
    /// 0–99, then halved at 100, 600, 1100 and 1600 to 0.25 (4 skipped of the 1501 updates
    /// from step 99 to 1600, 0.3%).
    @Test func scaleBelowTheFloorCollapsesThroughRareOverflows() {
        let cuts = [100, 600, 1100, 1600]
        let scales = (0..<1700).map { step in
            4 / Double(1 << cuts.filter { $0 <= step }.count)
        }
        let incidents = DetectorHarness.run(
            LossScaleCollapseDetector(), [Series("loss_scale", from: 0, scales)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 100)
        #expect(incidents.first?.endStep == 1600)
        let message = incidents.first?.message ?? ""
        #expect(message.contains("about 4 of its 1501 updates (0.3%)"), "\(message)")
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
