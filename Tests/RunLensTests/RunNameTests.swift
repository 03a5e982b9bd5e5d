import Foundation
import Testing

@testable import RunLens

/// Run names: given with `--run-name`, or derived from the inputs.
struct RunNameTests {
    static let derived: [([String], String)] = [
        (["runs/pretrain-7"], "pretrain-7"),
        (["runs/pretrain-7/"], "pretrain-7"),
        (["logs/train.jsonl.zst"], "train"),
        (["metrics.csv.gz"], "metrics"),
        (["log"], "log"),
        (["-"], "stdin"),
        (["/data/job-3/rank0.jsonl", "/data/job-3/rank1.jsonl"], "job-3"),
        (["/a/x.jsonl", "/b/y.jsonl", "/c/z.jsonl"], "x +2"),
        ([], "run"),
    ]

    @Test(arguments: derived)
    func derivesANameFromTheInputs(_ inputs: [String], _ name: String) {
        #expect(RunName(given: nil, inputs: inputs) == RunName(name: name, given: false))
    }

    @Test func aGivenNameWins() {
        #expect(RunName(given: "job-9", inputs: ["a.jsonl"]) == RunName(name: "job-9", given: true))
        #expect(RunName(given: "", inputs: ["a.jsonl"]) == RunName(name: "a", given: false))
    }

    @Test func analyzeWritesTheGivenNameIntoTheSummary() throws {
        let run = try BinaryRunner.run([
            "analyze", BinaryRunner.fixture("cases/05-loss-scale-collapse.jsonl"), "--run-name",
            "nightly",
        ])
        let block = try run.summary()["run"] as? [String: Any] ?? [:]
        #expect(block["name"] as? String == "nightly")
        #expect(block["nameGiven"] as? Bool == true)
    }
}
