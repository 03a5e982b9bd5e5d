import Foundation
import Testing

@testable import RunLens

struct FileOverlapTests {
    /// Writes `logs` (name → text) into a new folder; returns its path.
    private func folder(_ logs: [String: String]) throws -> URL {
        let root = try InputFixtures.scratchDirectory()
        for (name, text) in logs {
            try InputFixtures.write(Array(text.utf8), to: name, in: root)
        }
        return root
    }

    private func log(_ steps: ClosedRange<Int>, metric: String = "loss") -> String {
        steps.map { "{\"step\": \($0), \"\(metric)\": \(3.0 - Double($0) / 1000)}\n" }.joined()
    }

    private func warnings(_ root: URL) throws -> [String: [String]] {
        var options = AnalysisOptions(inputs: [root.path])
        options.threads = 1
        let result = try Analyzer(options: options).run()
        return Dictionary(
            uniqueKeysWithValues: result.inputs.map {
                (String($0.path.dropFirst(root.path.count + 1)), $0.warnings)
            })
    }

    @Test func twoRunsOfOneMetricOverTheSameStepsAreNamed() throws {
        let root = try folder(["a.jsonl": log(1...150), "b.jsonl": log(1...740)])
        defer { try? FileManager.default.removeItem(at: root) }

        let found = try warnings(root)

        #expect(found["a.jsonl"] == [])
        #expect(
            found["b.jsonl"] == [
                "its steps 1–740 overlap those of '\(root.path)/a.jsonl' (1–150) with the same "
                    + "metrics and neither names a rank: both were read as one run; if they are "
                    + "separate runs, analyze each on its own"
            ])
    }

    @Test(arguments: [
        ("a.jsonl", "b.jsonl", 1...100, 101...200, "loss", "loss"),
        ("train.jsonl", "eval.jsonl", 1...100, 1...100, "loss", "val_loss"),
        ("rank0.jsonl", "rank1.jsonl", 1...100, 1...100, "loss", "loss"),
    ])
    func filesThatContinueSplitOrNameRanksAreOneRun(
        first: String, second: String, steps: ClosedRange<Int>, more: ClosedRange<Int>,
        metric: String, other: String
    ) throws {
        let root = try folder([first: log(steps, metric: metric), second: log(more, metric: other)])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(try warnings(root).values.allSatisfy(\.isEmpty))
    }

    /// Two launches of rank 0 that both started again from step 1: the same metric of the
    /// same rank twice over the same steps. Rank 1's file pairs with neither.
    @Test func aRanksTwoPassesOverTheSameStepsAreNamed() throws {
        let root = try folder([
            "launch1/rank0.jsonl": log(1...200), "launch1/rank1.jsonl": log(1...200),
            "launch2/rank0.jsonl": log(1...120),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        let found = try warnings(root)

        #expect(found["launch1/rank0.jsonl"] == [])
        #expect(found["launch1/rank1.jsonl"] == [])
        #expect(
            found["launch2/rank0.jsonl"] == [
                "its steps 1–120 overlap those of '\(root.path)/launch1/rank0.jsonl' "
                    + "(1–200) with the same metrics on the same ranks: both were read as one "
                    + "run; if they are separate runs, analyze each on its own"
            ])
    }
}
