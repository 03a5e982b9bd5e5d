import Foundation
import Testing

@testable import RunLens

/// `runlens synth` run as a user would, its log analyzed by `runlens analyze`.
struct SynthCommandTests {
    @Test func perRankScenarioWritesAFolderAndItsExpectations() throws {
        let synth = try BinaryRunner.run(["synth", "straggler", "--seed", "3", "-o", "run"])
        #expect(synth.status == 0, "\(synth.stderr)")
        let folder = synth.directory.appendingPathComponent("run")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["rank0.jsonl", "rank1.jsonl", "rank2.jsonl", "rank3.jsonl"])
        let expected = try Data(
            contentsOf: synth.directory.appendingPathComponent("run.expected.json"))
        let document = try JSONSerialization.jsonObject(with: expected) as? [String: Any]
        let incidents = document?["expected"] as? [[String: Any]] ?? []
        #expect(incidents.first?["detector"] as? String == "straggler")

        let analysis = try BinaryRunner.run(["analyze", folder.path])
        let rows = CSVTestReader.records(analysis.output("incidents.csv"))
        #expect(
            rows.contains {
                $0["detector"] == "straggler"
                    && $0["rank"] == "\(incidents.first?["rank"] as? Int ?? -1)"
            })
    }

    /// The `nan` scenario puts NaN in the all-reduced loss and gradient norm, so all 16
    /// ranks log it from the injected step on: one finding, one incident naming 16 ranks.
    @Test func nanOnSixteenRanksIsOneIncidentNamingEveryRank() throws {
        let synth = try BinaryRunner.run(["synth", "nan", "--ranks", "16", "-o", "run"])
        #expect(synth.status == 0, "\(synth.stderr)")
        let expected = try Data(
            contentsOf: synth.directory.appendingPathComponent("run.expected.json"))
        let document = try JSONSerialization.jsonObject(with: expected) as? [String: Any]
        let promised = document?["expected"] as? [[String: Any]] ?? []
        let step = try #require(promised.first?["startStep"] as? Double)

        let folder = synth.directory.appendingPathComponent("run")
        let analysis = try BinaryRunner.run(["analyze", folder.path])

        let rows = CSVTestReader.records(analysis.output("incidents.csv"))
        #expect(rows.count == 1)
        #expect(rows.first?["detector"] == "divergence")
        #expect(rows.first?["severity"] == "critical")
        #expect(rows.first?["start_step"].flatMap(Double.init) == step)
        let incidents = try analysis.summary()["incidents"] as? [[String: Any]] ?? []
        #expect(incidents.first?["ranks"] as? [Int] == Array(0..<16))
        let report = analysis.output("report.md")
        #expect(report.contains("| critical | [`divergence`](#divergence) | grad_norm | 0–15 |"))
        #expect(report.contains("  - on 16 ranks: 0–15; wording from rank "))
    }

    /// An fp16 run whose loss scale collapses logs NaN gradient norms on its overflow
    /// steps: by the rules an info divergence (fp16 skips), not a divergence. The
    /// expectations must say that `forbidden` holds from warning up, and the analysis must
    /// keep every forbidden detector below it.
    @Test(arguments: ["1", "3"])
    func lossScaleExpectationsAllowTheInfoOverflowSkips(seed: String) throws {
        let synth = try BinaryRunner.run(["synth", "loss-scale", "--seed", seed, "-o", "run"])
        let expected = try Data(
            contentsOf: synth.directory.appendingPathComponent("run.expected.json"))
        let document = try JSONSerialization.jsonObject(with: expected) as? [String: Any]
        let forbidden = document?["forbidden"] as? [String] ?? []
        #expect(document?["forbiddenFrom"] as? String == "warning")
        #expect(forbidden.contains("divergence"))
        #expect(synth.stdout.contains("forbid at warning or above: divergence, "))

        let folder = synth.directory.appendingPathComponent("run")
        let rows = CSVTestReader.records(
            try BinaryRunner.run(["analyze", folder.path]).output("incidents.csv"))

        #expect(rows.contains { $0["detector"] == "loss_scale_collapse" })
        let divergences = rows.filter { $0["detector"] == "divergence" }
        #expect(!divergences.isEmpty)
        #expect(divergences.allSatisfy { $0["severity"] == "info" })
        #expect(
            !rows.contains {
                forbidden.contains($0["detector"] ?? "") && $0["severity"] != "info"
            })
    }

    @Test func whatCannotBeWrittenAsAskedIsSaid() throws {
        let synth = try BinaryRunner.run([
            "synth", "nan", "--ranks", "100", "--steps", "100", "-o", "run",
        ])
        let files = try FileManager.default.contentsOfDirectory(
            atPath: synth.directory.appendingPathComponent("run").path)

        #expect(synth.status == 0)
        #expect(files.count == 64)
        #expect(
            synth.stderr
                == "runlens: warning: this scenario needs at least 400 steps: wrote 400\n"
                + "runlens: warning: this scenario writes 1 to 64 ranks: wrote 64\n")
    }

    @Test func sameSeedSameLog() throws {
        let first = try BinaryRunner.run([
            "synth", "serving-clean", "--steps", "30", "-o", "a.jsonl",
        ])
        let second = try BinaryRunner.run([
            "synth", "serving-clean", "--steps", "30", "-o", "a.jsonl",
        ])
        let one = try Data(contentsOf: first.directory.appendingPathComponent("a.jsonl"))
        let two = try Data(contentsOf: second.directory.appendingPathComponent("a.jsonl"))
        #expect(!one.isEmpty && one == two)
    }

    /// Per-rank scenarios took any number of ranks: `Int.max` crashed the release build, and
    /// `--steps` of `Int.max` wrote without end.
    @Test(arguments: [
        (
            ["straggler", "--ranks", "9223372036854775807"],
            "--ranks expects a positive integer of at most 1024, got '9223372036854775807'"
        ),
        (
            ["clean", "--steps", "9223372036854775807"],
            "--steps expects a positive integer of at most 10000000, got "
                + "'9223372036854775807'"
        ),
        (
            ["serving-slo", "--steps", "10000001"],
            "--steps expects a positive integer of at most 10000000, got '10000001'"
        ),
        (
            ["clean", "--steps", "99999999999999999999"],
            "--steps expects a positive integer of at most 10000000, got '99999999999999999999'"
        ),
        (["clean", "--steps", "2.5"], "--steps expects a positive integer, got '2.5'"),
        (["clean", "--ranks", "1e3"], "--ranks expects a positive integer, got '1e3'"),
    ])
    func hugeStepsAndRanksAreUsageErrors(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { try SynthCommand(arguments: arguments) }
    }

    @Test func unknownScenarioIsAUsageError() throws {
        let run = try BinaryRunner.run(["synth", "nope"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("runlens: error: unknown scenario 'nope' (expected one of "))
    }
}
