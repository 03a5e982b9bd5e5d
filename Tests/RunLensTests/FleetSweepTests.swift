import Testing

@testable import RunLens

/// Runs every fleet scenario over many seeds, noise levels and lengths through the real
/// pipeline (rank files on disk, the analyzer, the fleet detectors and the throughput drop
/// detector), and requires each injected fault found on the right rank with the right id,
/// and nothing at warning or above that the scenario forbids (`fleet-clean` and `sawtooth`
/// forbid every fleet detector).
struct FleetSweepTests {
    static let seeds: [UInt64] = Array(1...20)
    static let shapes: [(noise: Double, steps: Int)] = [(0.02, 1000), (0.05, 2000)]

    /// True when `incident` is what `expected` describes.
    static func matches(_ incident: Incident, _ expected: ExpectedIncident, steps: Int) -> Bool {
        guard incident.detector == expected.detector, incident.rank == expected.rank,
            incident.severity >= expected.severity
        else { return false }
        if let metric = expected.metric, incident.metric != metric { return false }
        guard let want = expected.startStep, let start = incident.startStep else { return true }
        let early = expected.detector == "memory_growth" ? 0.1 : 0.05
        return start >= want - early * Double(steps) && start <= want + expected.maxLag
    }

    static func failures(_ name: String, seed: UInt64, noise: Double, steps: Int) -> [String] {
        var parameters = SynthParameters()
        parameters.seed = seed
        parameters.noise = noise
        parameters.steps = steps
        guard let output = FleetScenario.generate(name, parameters) else { return ["no output"] }
        let incidents: [Incident]
        do {
            // degraded-gpus expects the throughput drop, a training detector's.
            incidents = try FleetPipelineTests.analyze(output, also: [ThroughputDropDetector()])
        } catch {
            return ["\(name) seed \(seed): analysis failed: \(error)"]
        }
        var problems: [String] = []
        for expected in output.expected {
            if !incidents.contains(where: { matches($0, expected, steps: steps) }) {
                problems.append("missed \(expected)")
            }
        }
        let degraded = Set(output.expected.compactMap(\.rank))
        for incident in incidents where incident.severity >= .warning {
            let forbidden = output.forbidden.contains(incident.detector)
            let strayStraggler =
                name == "degraded-gpus" && incident.detector == "straggler"
                && !degraded.contains(incident.rank ?? -1)
            if forbidden || strayStraggler { problems.append("unexpected \(incident.message)") }
        }
        return problems.map { "\(name) seed \(seed) noise \(noise) steps \(steps): \($0)" }
    }

    @Test(arguments: FleetScenario.names)
    func everySeedFindsTheInjectedFaultAndNothingForbidden(_ name: String) {
        var problems: [String] = []
        for seed in Self.seeds {
            for shape in Self.shapes {
                problems += Self.failures(name, seed: seed, noise: shape.noise, steps: shape.steps)
            }
        }
        for problem in problems { print(problem) }
        #expect(problems.isEmpty)
    }
}
