import Foundation
import Testing

@testable import RunLens

/// The fleet detectors behind the real reader and run assembler: on the cases, the corpus
/// and synthetic runs written to disk.
struct FleetPipelineTests {
    /// Analyzes `inputs` with the fleet detectors attached.
    static func analyze(
        _ inputs: [String], settings: FleetSettings = FleetSettings(), also: [Detector] = []
    ) throws -> (result: AnalysisResult, incidents: [Incident]) {
        let analyzer = Analyzer(options: AnalysisOptions(inputs: inputs))
        let detectors = FleetDetectors.make(settings) + also
        for detector in detectors { analyzer.addObserver(detector) }
        let result = try analyzer.run()
        let context = result.detectionContext
        return (result, detectors.flatMap { $0.incidents(in: context) })
    }

    /// Writes `output`'s files into a new temporary folder and analyzes it with the fleet
    /// detectors and `also`.
    static func analyze(_ output: SynthOutput, also: [Detector] = []) throws -> [Incident] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runlens-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in output.files {
            try Data(file.text.utf8).write(to: folder.appendingPathComponent(file.name))
        }
        return try analyze([folder.path], also: also).incidents
    }

    @Test func case11OneStragglerWarningOnRankTwoDataTime() throws {
        let (result, incidents) = try Self.analyze([
            FleetPaths.path("cases/11-straggler-masked-by-allreduce")
        ])

        #expect(result.accounting.records == 200)
        #expect(result.overview.ranks == [0, 1, 2, 3])
        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "straggler")
        #expect(incident.severity == .warning)
        #expect(incident.rank == 2)
        #expect(incident.metric == "data_time")
        #expect(incident.startStep == 11)
        #expect(incident.endStep == 50)
        #expect(incident.location?.hasSuffix("rank2.jsonl:11") == true)
        #expect(incident.message.contains("20.0×"))
    }

    @Test func case13HostAndGpuLinesRaiseNothing() throws {
        let (_, incidents) = try Self.analyze([FleetPaths.path("cases/13-mixed-epoch-units.jsonl")])

        #expect(incidents.isEmpty)
    }

    @Test func case16SawtoothIsNoMemoryGrowth() throws {
        let (_, incidents) = try Self.analyze([
            FleetPaths.path("cases/16-memory-warmup-sawtooth.jsonl")
        ])

        #expect(incidents.isEmpty)
    }

    @Test func wandbEventsExcerptReportsTheProcessMemoryRiseAsInfo() throws {
        let (_, incidents) = try Self.analyze([
            FleetPaths.path("corpus/wandb-events-jsonl/spaceinvaders_wandb-events.head9.jsonl")
        ])

        let memory = incidents.filter { $0.detector == "memory_growth" }
        #expect(memory.count == 1)
        #expect(memory.first?.metric == "system.proc.memory.rssMB")
        #expect(memory.first?.severity == .info)
        #expect(memory.first?.message.contains("+55.0%") == true)
        let util = incidents.filter { $0.detector == "gpu_underutilized" }
        #expect(util.count == 1)
        #expect(util.first?.device == 0)
        #expect(util.first?.severity == .info)
        #expect(incidents.allSatisfy { $0.severity == .info })
    }

    @Test func nvidiaSmiIdleGpuIsUnderutilized() throws {
        let (_, incidents) = try Self.analyze([
            FleetPaths.path("corpus/nvidia-smi-csv/balance_budget_gpu_usage.csv")
        ])
        // Stretches below 50% of at least 5 minutes, a single busy sample tolerated, worked
        // out from the CSV with python3:
        // lines 78-102 (one 91% sample inside), 126-236 and 333-1640 (one 76% sample inside).
        let idle = incidents.filter { $0.detector == "gpu_underutilized" }
        #expect(idle.count == 3)
        #expect(idle.allSatisfy { $0.severity == .warning && $0.metric == "utilization.gpu" })
        #expect(idle.map(\.count) == [24, 111, 1307])
        #expect(idle.last?.message.contains("for 5h 26m") == true)
        #expect(incidents.allSatisfy { $0.detector == "gpu_underutilized" })
    }

    @Test func nvidiaSmiSlowCreepIsBelowTheGrowthRate() throws {
        let (_, incidents) = try Self.analyze([
            FleetPaths.path("corpus/nvidia-smi-csv/rckola_gpu_usage.csv")
        ])
        // memory.used creeps 10544 -> 10904 MiB over 84 minutes after warm-up: about 2.4%/h.
        #expect(!incidents.contains { $0.detector == "memory_growth" })
    }
}
