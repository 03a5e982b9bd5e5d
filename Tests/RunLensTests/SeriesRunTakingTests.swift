import Testing

@testable import RunLens

/// Detectors whose state spans series only in some logs say when their points may come one
/// series at a time (``SeriesRunObserver/takesRuns``).
struct SeriesRunTakingTests {
    private func descriptor(_ name: String, rank: Int32) -> SeriesDescriptor {
        let info = FieldInfo(rawName: name, matcher: RoleMatcher())
        return SeriesDescriptor(
            key: SeriesKey(field: 0, rank: rank, device: -1), info: info, axis: .step)
    }

    @Test func memoryGrowthTakesRunsUntilARankLogsTwoStepTimes() {
        let detector = MemoryGrowthDetector()
        for rank: Int32 in 0...1 {
            detector.seriesCreated(descriptor("gpu_memory_allocated", rank: rank))
            detector.seriesCreated(descriptor("step_time", rank: rank))
        }
        #expect(detector.takesRuns)

        detector.seriesCreated(descriptor("iter_time", rank: 1))
        #expect(!detector.takesRuns)
    }

    @Test func overfittingTakesRunsUntilAValidationLossAppears() {
        let detector = OverfittingDetector()
        detector.seriesCreated(descriptor("loss", rank: 0))
        detector.seriesCreated(descriptor("loss", rank: 1))
        #expect(detector.takesRuns)

        detector.seriesCreated(descriptor("val_loss", rank: 0))
        #expect(!detector.takesRuns)
    }
}
