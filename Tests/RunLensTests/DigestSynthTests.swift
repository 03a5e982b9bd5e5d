import Foundation
import Testing

@testable import RunLens

/// Two weeks of runs written by `runlens synth` (fleet scenarios with faults injected),
/// digested from their logs with the real detectors, and checked against what each scenario
/// promises in its `.expected.json`: the promised incidents found, the forbidden ones absent,
/// the rank that overheated in three runs named as a flaky node, and a week later what got
/// better and worse.
struct DigestSynthTests {
    /// One run of a week: its folder name, scenario and seed.
    struct Planned {
        var name: String
        var scenario: String
        var seed: UInt64
    }

    /// What `runlens synth` writes beside a run.
    struct Promise: Decodable {
        var expected: [ExpectedIncident]
        var forbidden: [String]
    }

    /// The first three seeds from 1 whose `overheat` run heats the same rank, and that rank.
    static func overheatSeeds() throws -> (seeds: [UInt64], rank: Int) {
        var byRank: [Int: [UInt64]] = [:]
        for seed in UInt64(1)...UInt64(40) {
            var parameters = SynthParameters()
            parameters.seed = seed
            parameters.steps = 800
            let output = try #require(FleetScenario.generate("overheat", parameters))
            let rank = try #require(output.expected.first?.rank)
            byRank[rank, default: []].append(seed)
            if let seeds = byRank[rank], seeds.count == 3 { return (seeds, rank) }
        }
        throw CancellationError()
    }

    /// Writes each planned run with `runlens synth` under `folder`; returns its promises.
    static func synthesize(_ plans: [Planned], under folder: URL) throws -> [String: Promise] {
        var promises: [String: Promise] = [:]
        for plan in plans {
            let path = folder.appendingPathComponent(plan.name).path
            let run = try BinaryRunner.run([
                "synth", plan.scenario, "-o", path, "--seed", String(plan.seed), "--steps", "800",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let data = try #require(FileManager.default.contents(atPath: path + ".expected.json"))
            promises[plan.name] = try JSONDecoder().decode(Promise.self, from: data)
        }
        return promises
    }

    @Test func synthWeeksWithRealDetectors() throws {
        let hot = try Self.overheatSeeds()
        let root = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let weekOne = [
            Planned(name: "job-1", scenario: "fleet-clean", seed: 101),
            Planned(name: "job-2", scenario: "overheat", seed: hot.seeds[0]),
            Planned(name: "job-3", scenario: "straggler", seed: 103),
            Planned(name: "job-4", scenario: "overheat", seed: hot.seeds[1]),
            Planned(name: "job-5", scenario: "fleet-clean", seed: 105),
            Planned(name: "job-6", scenario: "overheat", seed: hot.seeds[2]),
            Planned(name: "job-7", scenario: "leak", seed: 107),
        ]
        let folder = root.appendingPathComponent("week1")
        let promises = try Self.synthesize(weekOne, under: folder)

        let first = try BinaryRunner.run(["digest", folder.path, "-o", "report"])
        #expect(first.status == 0, "\(first.stderr)")
        let digest = try Digest.decode(Data(first.output("digest.json").utf8))
        // every run starts at synth's default time, give or take a few milliseconds of jitter
        #expect(digest.runs.map(\.name).sorted() == weekOne.map(\.name))
        for run in digest.runs { try checkPromises(run, try #require(promises[run.name])) }

        let overheat = try #require(digest.kinds.first { $0.detector == "gpu_overheat" })
        #expect(overheat.runNames.sorted() == ["job-2", "job-4", "job-6"])
        #expect(overheat.worst == .critical)
        let ranked = digest.kinds.map(\.runs)
        #expect(ranked == ranked.sorted(by: >))
        let node = try #require(digest.nodes.first { $0.rank == hot.rank && $0.device == nil })
        #expect(Set(node.runNames).isSuperset(of: ["job-2", "job-4", "job-6"]))
        #expect(node.detectors.contains("gpu_overheat"))
        #expect(digest.nodes.allSatisfy { !$0.runNames.contains("job-1") })
        #expect(digest.nodes.allSatisfy { !$0.runNames.contains("job-5") })
        let markdown = first.output("digest.md")
        #expect(markdown.contains("| rank \(hot.rank) | "))

        try checkWeekTwo(root, previous: first.directory.appendingPathComponent("report"), hot)
    }

    /// Week 2: `job-1` overheats, the three hot runs of week 1 are clean.
    private func checkWeekTwo(_ root: URL, previous: URL, _ hot: (seeds: [UInt64], rank: Int))
        throws
    {
        let weekTwo = [
            Planned(name: "job-1", scenario: "overheat", seed: hot.seeds[0]),
            Planned(name: "job-2", scenario: "fleet-clean", seed: 202),
            Planned(name: "job-4", scenario: "fleet-clean", seed: 204),
            Planned(name: "job-6", scenario: "fleet-clean", seed: 206),
        ]
        let folder = root.appendingPathComponent("week2")
        let promises = try Self.synthesize(weekTwo, under: folder)
        let second = try BinaryRunner.run([
            "digest", folder.path, "--previous", previous.path, "-o", "report",
        ])
        #expect(second.status == 0, "\(second.stderr)")
        let later = try Digest.decode(Data(second.output("digest.json").utf8))
        for run in later.runs { try checkPromises(run, try #require(promises[run.name])) }

        let comparison = try #require(later.comparison)
        #expect(comparison.newFailures == ["job-1"])
        #expect(comparison.fixed.sorted() == ["job-2", "job-4", "job-6"])
        #expect(comparison.better.map(\.name).sorted() == ["job-2", "job-4", "job-6"])
        let worse = try #require(comparison.worse.first { $0.name == "job-1" })
        #expect(worse.changes.first == "status ok → critical")
        #expect(comparison.worse.allSatisfy { $0.name == "job-1" })
        let cooler = try #require(comparison.betterKinds.first { $0.detector == "gpu_overheat" })
        #expect(cooler.before == 3 && cooler.now == 1)
        #expect(later.nodes.isEmpty)
    }

    @Test func configSettingsReachTheDetectors() throws {
        let hot = try Self.overheatSeeds()
        let root = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("runs")
        _ = try Self.synthesize(
            [Planned(name: "hot", scenario: "overheat", seed: hot.seeds[0])], under: folder)
        let config = root.appendingPathComponent("runlens.json")
        try Data("{\"fleet\": {\"gpu_overheat\": {\"celsius\": 99}}}\n".utf8).write(to: config)

        let strict = try BinaryRunner.run(["digest", folder.path, "-o", "report"])
        let relaxed = try BinaryRunner.run([
            "digest", folder.path, "--config", config.path, "-o", "report",
        ])
        let strictRow = CSVTestReader.records(strict.output("digest.csv")).first
        let relaxedRow = CSVTestReader.records(relaxed.output("digest.csv")).first
        #expect(strictRow?["incident_kinds"]?.contains("gpu_overheat") == true)
        #expect(relaxedRow?["incident_kinds"]?.contains("gpu_overheat") == false)

        let missing = try BinaryRunner.run([
            "digest", folder.path, "--config", root.appendingPathComponent("none.json").path,
        ])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("runlens: error: "))
        #expect(missing.stderr.contains("none.json"))
    }

    /// The row shows every incident the scenario promises (at its severity or above, on its
    /// rank for node detectors) and none it forbids at warning or above; a run without
    /// promises has nothing at warning or above.
    private func checkPromises(_ run: DigestRun, _ promise: Promise) throws {
        for expected in promise.expected {
            let worst = try #require(run.worstByKind[expected.detector], "\(run.name)")
            #expect(worst >= expected.severity, "\(run.name) \(expected.detector)")
            if DigestRun.nodeDetectors.contains(expected.detector) {
                #expect(
                    run.nodes.contains {
                        $0.detector == expected.detector && $0.rank == expected.rank
                    },
                    "\(run.name) \(expected.detector) rank \(expected.rank ?? -1)")
            }
        }
        for forbidden in promise.forbidden {
            #expect((run.worstByKind[forbidden] ?? .info) < .warning, "\(run.name) \(forbidden)")
        }
        if promise.expected.isEmpty {
            #expect((run.incidents.worst ?? .info) < .warning, "\(run.name) is clean")
        }
    }
}
