import Foundation
import Testing

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

    @Test func unknownScenarioIsAUsageError() throws {
        let run = try BinaryRunner.run(["synth", "nope"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("runlens: error: unknown scenario 'nope' (expected one of "))
    }
}
