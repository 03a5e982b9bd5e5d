/// Synthetic multi-rank training runs with one training fault injected, one JSON Lines
/// file per rank (`rank0.jsonl`, ...), and the incidents a correct analysis reports.
///
/// Every scenario shares the healthy model of `TrainingRunModel`; the same seed gives the
/// same noise in every scenario, so a scenario differs from `clean` only by its fault.
/// A third of the seeds crash and resume from a checkpoint before the fault, replaying
/// the steps after it. Runs are at least 400 steps.
public enum TrainingScenario {
    /// The scenarios this family writes.
    public static let names = [
        "clean", "spike", "nan", "diverge", "plateau", "overfit", "grad-explosion", "loss-scale",
        "throughput-drop", "data-stall",
    ]

    /// Every training detector id, forbidden where a scenario injects nothing for it.
    static let allIds = [
        "divergence", "loss_spike", "loss_plateau", "overfitting", "grad_explosion",
        "loss_scale_collapse", "throughput_drop", "data_bottleneck", "alert_storm",
    ]

    /// Writes scenario `name`, or `nil` when the name is not a training scenario.
    public static func generate(_ name: String, _ parameters: SynthParameters) -> SynthOutput? {
        guard var output = run(name, parameters)?.output else { return nil }
        output.notes = parameters.adjustments(minimumSteps: 400, ranks: 1...64)
        return output
    }

    /// Scenario `name` in memory, or `nil` when the name is not a training scenario.
    public static func run(_ name: String, _ parameters: SynthParameters) -> TrainingRun? {
        guard names.contains(name) else { return nil }
        var parameters = parameters
        parameters.steps = max(parameters.steps, 400)
        parameters.ranks = min(max(parameters.ranks, 1), 64)
        parameters.noise = min(max(parameters.noise, 0), 0.2)
        var random = SeededRandom(seed: parameters.seed &+ 0x7A11)

        let setup = TrainingSetup(name: name, parameters: parameters, random: &random)
        var model = TrainingRunModel(
            parameters: parameters, fault: setup.fault, fp16: setup.fp16, resume: setup.resume,
            evalEvery: setup.evalEvery, lastStep: setup.lastStep,
            random: SeededRandom(seed: parameters.seed))
        let forbidden = allIds.filter { id in
            !setup.expected.contains { $0.detector == id } && !setup.allowed.contains(id)
        }
        return TrainingRun(ranks: model.run(), expected: setup.expected, forbidden: forbidden)
    }
}
