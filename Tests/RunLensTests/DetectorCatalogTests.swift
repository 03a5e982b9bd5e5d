import Testing

@testable import RunLens

struct DetectorCatalogTests {
    @Test func listsTheEighteenDetectorsOfTheSpecification() {
        #expect(
            DetectorCatalog.ids == [
                "divergence", "loss_plateau", "loss_spike", "overfitting", "grad_explosion",
                "loss_scale_collapse", "throughput_drop", "data_bottleneck", "straggler",
                "gpu_underutilized", "gpu_overheat", "memory_growth", "resource_pressure",
                "slo_violation", "error_budget_burn", "error_rate", "quality_regression",
                "alert_storm",
            ])
    }

    @Test func namesTheFamilyOfAnId() {
        #expect(DetectorCatalog.family(of: "straggler") == "fleet")
        #expect(DetectorCatalog.family(of: "loss_spike") == "training")
        #expect(DetectorCatalog.family(of: "made_up") == nil)
    }

    @Test func baselineRegressionRunsOnRequestInItsOwnFamily() {
        #expect(DetectorCatalog.family(of: "baseline_regression") == "baseline")
        #expect(!DetectorCatalog.ids.contains("baseline_regression"))
    }
}
