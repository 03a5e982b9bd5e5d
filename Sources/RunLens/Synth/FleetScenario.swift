/// Synthetic multi-rank training runs with fleet and hardware faults injected, one JSON
/// Lines file per rank (`rank0.jsonl`, ...), with the incidents a correct analysis reports.
///
/// Every scenario is a synchronised data-parallel run (see `FleetRunModel`) with timing
/// jitter from `SynthParameters.noise`, rare data-loading hiccups on single steps, and an
/// evaluation every 500 steps where every rank stalls for one step; none of those is an
/// incident. Runs are at least 800 steps and 2 ranks, so that every injected fault lasts
/// past the detectors' minimum durations.
public enum FleetScenario {
    /// The scenarios this family writes.
    public static let names = [
        "fleet-clean", "straggler", "leak", "sawtooth", "overheat", "low-util", "degraded-gpus",
    ]

    /// Every fleet detector id, forbidden where a scenario injects nothing for it.
    static let allIds = [
        "straggler", "memory_growth", "gpu_underutilized", "gpu_overheat", "resource_pressure",
    ]

    /// Writes scenario `name`, or `nil` when the name is not a fleet scenario.
    public static func generate(_ name: String, _ parameters: SynthParameters) -> SynthOutput? {
        guard names.contains(name) else { return nil }
        let asked = parameters
        var parameters = parameters
        parameters.steps = max(parameters.steps, 800)
        parameters.ranks = max(parameters.ranks, 2)
        var random = SeededRandom(seed: parameters.seed &+ 0x5EED)

        let setup = FleetSetup(name: name, parameters: parameters, random: &random)
        var model = FleetRunModel(parameters: parameters, faults: setup.faults)
        let texts = model.run()
        let files = texts.enumerated().map { (name: "rank\($0.offset).jsonl", text: $0.element) }
        let forbidden = allIds.filter { id in
            !setup.expected.contains { $0.detector == id } && !setup.allowed.contains(id)
        }
        var output = SynthOutput(files: files, expected: setup.expected, forbidden: forbidden)
        output.notes = asked.adjustments(minimumSteps: 800, ranks: 2...Int.max)
        return output
    }
}
