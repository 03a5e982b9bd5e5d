import Foundation
import Testing

@testable import RunLens

/// Two weeks of synthetic multi-rank runs with faults injected by the fleet scenarios,
/// analyzed from their logs by the digest with the real detectors, and checked against what
/// each scenario promises: its expected incidents found, its forbidden ones absent, the rank
/// that overheated in three runs named as a flaky node, and the changes a week later.
struct DigestSynthTests {
    /// One scenario run of a week: its folder name, scenario, seed, day of May 2024.
    struct Planned {
        var name: String
        var scenario: String
        var seed: UInt64
        var day: Int
    }

    /// The scenario's output for `plan`.
    static func generate(_ plan: Planned) throws -> SynthOutput {
        var parameters = SynthParameters()
        parameters.seed = plan.seed
        parameters.steps = 800
        parameters.startTime = SyntheticRuns.may2024(day: plan.day)
        return try #require(FleetScenario.generate(plan.scenario, parameters))
    }

    /// The first three seeds from 1 whose `overheat` run heats the same rank, and that rank.
    static func overheatSeeds() throws -> (seeds: [UInt64], rank: Int) {
        var byRank: [Int: [UInt64]] = [:]
        for seed in UInt64(1)...UInt64(40) {
            let plan = Planned(name: "", scenario: "overheat", seed: seed, day: 1)
            let rank = try #require(try generate(plan).expected.first?.rank)
            byRank[rank, default: []].append(seed)
            if let seeds = byRank[rank], seeds.count == 3 { return (seeds, rank) }
        }
        throw CancellationError()
    }

    /// Writes the runs of `plans` under `folder`; returns each run's output by name.
    static func write(_ plans: [Planned], under folder: URL) throws -> [String: SynthOutput] {
        var outputs: [String: SynthOutput] = [:]
        for plan in plans {
            let output = try generate(plan)
            let run = SyntheticRuns.Run(
                name: plan.name, files: output.files,
                figures: SyntheticRuns.Figures(firstTime: 0, lastTime: 0))
            try SyntheticRuns.write(run, under: folder)
            outputs[plan.name] = output
        }
        return outputs
    }

    @Test func synthWeekWithRealDetectors() throws {
        let hot = try Self.overheatSeeds()
        let root = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let weekOne = [
            Planned(name: "job-1", scenario: "fleet-clean", seed: 101, day: 13),
            Planned(name: "job-2", scenario: "overheat", seed: hot.seeds[0], day: 14),
            Planned(name: "job-3", scenario: "straggler", seed: 103, day: 15),
            Planned(name: "job-4", scenario: "overheat", seed: hot.seeds[1], day: 16),
            Planned(name: "job-5", scenario: "fleet-clean", seed: 105, day: 17),
            Planned(name: "job-6", scenario: "overheat", seed: hot.seeds[2], day: 18),
            Planned(name: "job-7", scenario: "leak", seed: 107, day: 19),
        ]
        let outputs = try Self.write(weekOne, under: root.appendingPathComponent("week1"))

        let first = try BinaryRunner.run([
            "digest", root.appendingPathComponent("week1").path, "-o", "report",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let digest = try Digest.decode(Data(first.output("digest.json").utf8))
        #expect(digest.runs.map(\.name) == weekOne.map(\.name))
        for run in digest.runs {
            try checkPromises(run, try #require(outputs[run.name]))
        }

        let overheat = try #require(digest.kinds.first { $0.detector == "gpu_overheat" })
        #expect(overheat.runNames == ["job-2", "job-4", "job-6"])
        #expect(overheat.worst == .critical)
        let ranked = digest.kinds.map(\.runs)
        #expect(ranked == ranked.sorted(by: >))
        let node = try #require(digest.nodes.first { $0.rank == hot.rank && $0.device == nil })
        #expect(Set(node.runNames).isSuperset(of: ["job-2", "job-4", "job-6"]))
        #expect(node.detectors.contains("gpu_overheat"))
        #expect(digest.nodes.allSatisfy { !$0.runNames.contains("job-1") })
        #expect(digest.nodes.allSatisfy { !$0.runNames.contains("job-5") })

        let weekTwo = [
            Planned(name: "job-1", scenario: "overheat", seed: hot.seeds[0], day: 20),
            Planned(name: "job-2", scenario: "fleet-clean", seed: 202, day: 21),
            Planned(name: "job-4", scenario: "fleet-clean", seed: 204, day: 23),
            Planned(name: "job-6", scenario: "fleet-clean", seed: 206, day: 25),
        ]
        let outputsTwo = try Self.write(weekTwo, under: root.appendingPathComponent("week2"))
        let second = try BinaryRunner.run([
            "digest", root.appendingPathComponent("week2").path, "--previous",
            first.directory.appendingPathComponent("report").path, "-o", "report",
        ])
        #expect(second.status == 0, "\(second.stderr)")
        let later = try Digest.decode(Data(second.output("digest.json").utf8))
        for run in later.runs { try checkPromises(run, try #require(outputsTwo[run.name])) }

        let comparison = try #require(later.comparison)
        #expect(comparison.newFailures == ["job-1"])
        #expect(comparison.fixed == ["job-2", "job-4", "job-6"])
        #expect(comparison.better.map(\.name) == ["job-2", "job-4", "job-6"])
        #expect(comparison.worse.first?.name == "job-1")
        #expect(comparison.worse.first?.changes.first?.hasPrefix("status ") == true)
        let cooler = try #require(comparison.betterKinds.first { $0.detector == "gpu_overheat" })
        #expect(cooler.before == 3 && cooler.now == 1)
        #expect(later.nodes.isEmpty)
    }

    /// The row shows every incident the scenario promises (at its severity or above) and none
    /// it forbids at warning or above; a clean scenario's row has nothing at warning or above.
    private func checkPromises(_ run: DigestRun, _ output: SynthOutput) throws {
        for expected in output.expected {
            let worst = try #require(run.worstByKind[expected.detector], "\(run.name)")
            #expect(worst >= expected.severity, "\(run.name) \(expected.detector)")
            if Self.nodeDetectors.contains(expected.detector) {
                #expect(
                    run.nodes.contains {
                        $0.detector == expected.detector && $0.rank == expected.rank
                    },
                    "\(run.name) \(expected.detector) rank \(expected.rank ?? -1)")
            }
        }
        for forbidden in output.forbidden {
            #expect((run.worstByKind[forbidden] ?? .info) < .warning, "\(run.name) \(forbidden)")
        }
        if output.expected.isEmpty {
            #expect((run.incidents.worst ?? .info) < .warning, "\(run.name) is clean")
        }
    }

    static let nodeDetectors: Set<String> = ["straggler", "gpu_overheat"]
}
