import Foundation
import Testing

@testable import RunLens

/// The training sweep through the real pipeline: every scenario's rank files written to a
/// temporary folder and analyzed with every detector family and the incident builder.
///
/// Reading the text costs about two seconds a 3000-step run in a debug build, so the
/// default is seeds 1–5 (the in-memory `TrainingSweepTests` covers 1–20);
/// `RUNLENS_FULL_SWEEP=1` runs seeds 1–20 here too.
struct TrainingPipelineSweepTests {
    static let seeds =
        ProcessInfo.processInfo.environment["RUNLENS_FULL_SWEEP"] == nil
        ? UInt64(1)...5 : UInt64(1)...20
    static let shapes: [(noise: Double, steps: Int)] = [
        (0.01, 600), (0.03, 600), (0.01, 3000), (0.03, 3000),
    ]

    /// Writes `output` into a new temporary folder, analyzes it and removes it.
    static func analyze(_ output: SynthOutput) throws -> [Incident] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runlens-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in output.files {
            try Data(file.text.utf8).write(to: folder.appendingPathComponent(file.name))
        }
        return try TrainingPipelineTests.analyze([folder.path]).incidents
    }

    @Test(arguments: TrainingScenario.names)
    func everyInjectedIncidentIsFoundThroughTheAnalyzer(scenario: String) throws {
        var found = 0
        var injected = 0
        var falseAlarms = 0
        for seed in Self.seeds {
            for shape in Self.shapes {
                var parameters = SynthParameters()
                parameters.seed = seed
                parameters.noise = shape.noise
                parameters.steps = shape.steps
                let output = try #require(TrainingScenario.generate(scenario, parameters))
                let incidents = try Self.analyze(output)
                let verdict = SweepVerdict(
                    incidents: incidents, expected: output.expected, forbidden: output.forbidden)
                found += verdict.found
                injected += verdict.injected
                falseAlarms += verdict.falseAlarms.count
                let label = "\(scenario) seed \(seed) noise \(shape.noise) steps \(shape.steps)"
                for item in verdict.missed { Issue.record("missed in \(label): \(item)") }
                for item in verdict.duplicated {
                    Issue.record("more than one incident in \(label): \(item)")
                }
                for incident in verdict.falseAlarms {
                    Issue.record(
                        "false alarm in \(label): \(incident.detector) \(incident.message)")
                }
            }
        }
        print("pipeline sweep \(scenario): found \(found)/\(injected), false alarms \(falseAlarms)")
        #expect(found == injected)
        #expect(falseAlarms == 0)
    }
}
