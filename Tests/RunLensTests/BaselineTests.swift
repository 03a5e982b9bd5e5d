import Foundation
import Testing

/// `--baseline`: eval scores judged against an earlier run's summary.
struct BaselineTests {
    private func write(_ score: Double, to name: String, in directory: URL) throws -> String {
        let lines = (1...6).map { index in
            "{\"step\": \(index * 100), \"loss\": \(2.0 - Double(index) * 0.1), "
                + "\"eval/mmlu\": \(score)}"
        }
        let url = directory.appendingPathComponent(name)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func scoresBelowTheEarlierRunAreRegressions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let before = try write(0.80, to: "before.jsonl", in: directory)
        let after = try write(0.70, to: "after.jsonl", in: directory)

        let first = try BinaryRunner.run(["analyze", before])
        #expect(first.status == 0, "\(first.stderr)")
        let alone = try BinaryRunner.run(["analyze", after])
        #expect(!alone.output("incidents.csv").contains("quality_regression"))

        let baseline = first.directory.appendingPathComponent("report").path
        let judged = try BinaryRunner.run(["analyze", after, "--baseline", baseline])
        #expect(judged.status == 1, "\(judged.stderr)")
        let rows = CSVTestReader.records(judged.output("incidents.csv"))
        let regression = rows.first { $0["detector"] == "quality_regression" }
        #expect(regression?["metric"] == "eval/mmlu")
        #expect(regression?["severity"] == "critical")
    }

    @Test func aFolderWithoutSummaryIsAnError() throws {
        let run = try BinaryRunner.run(["analyze", "x.jsonl", "--baseline", "nowhere"])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: config 'nowhere': cannot read a runlens summary.json for --baseline\n"
        )
    }
}
