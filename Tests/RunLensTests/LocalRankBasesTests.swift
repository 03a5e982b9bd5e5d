import Foundation
import Testing

@testable import RunLens

/// Nodes that each write one file whose records name a rank within the node (`local_rank`).
struct LocalRankBasesTests {
    /// `steps` steps of local ranks `0..<count` on one node, each taking `stepTime` seconds.
    private func log(count: Int, stepTime: Double, steps: ClosedRange<Int> = 1...40) -> String {
        steps.flatMap { step in
            (0..<count).map {
                "{\"step\": \(step), \"local_rank\": \($0), \"loss\": 2.5, \"step_time\": "
                    + "\(stepTime)}\n"
            }
        }.joined()
    }

    private func analyze(_ files: [String: String]) throws -> (AnalysisResult, URL) {
        let root = try InputFixtures.scratchDirectory()
        for (name, text) in files {
            try InputFixtures.write(Array(text.utf8), to: name, in: root)
        }
        var options = AnalysisOptions(inputs: [root.path])
        options.threads = 1
        return (try Analyzer(options: options).run(), root)
    }

    @Test func eachNodesLocalRanksFollowThoseOfTheNodeBefore() throws {
        let (result, root) = try analyze([
            "host0/train.jsonl": log(count: 4, stepTime: 0.5),
            "host1/train.jsonl": log(count: 2, stepTime: 0.75),
            "host2/train.jsonl": log(count: 4, stepTime: 1),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == Array(0...9))
        let times = result.series.filter { $0.name == "step_time" }
        #expect(times.map(\.rank) == Array(0...9).map { Optional($0) })
        #expect(times.map(\.stats.mean) == [0.5, 0.5, 0.5, 0.5, 0.75, 0.75, 1, 1, 1, 1])
        #expect(
            result.inputs.map(\.warnings) == [
                [],
                [
                    "its records name local ranks 0–1 and its folder a node: read as ranks 4–5 "
                        + "(local ranks numbered node after node, one folder a node)"
                ],
                [
                    "its records name local ranks 0–3 and its folder a node: read as ranks 6–9 "
                        + "(local ranks numbered node after node, one folder a node)"
                ],
            ])
    }

    /// One node's files name their ranks, the next node's records their local ranks: the
    /// local ranks come after the named ones.
    @Test func localRanksFollowANodeOfNamedRanks() throws {
        var files: [String: String] = ["node1/w.jsonl": log(count: 2, stepTime: 0.75)]
        for rank in 0..<3 {
            files["node0/rank\(rank).jsonl"] = (1...40).map {
                "{\"step\": \($0), \"loss\": 2.5, \"step_time\": 0.5}\n"
            }.joined()
        }
        let (result, root) = try analyze(files)
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == [0, 1, 2, 3, 4])
    }

    /// The job launched again into new folders of the same nodes: the same ranks, resumed.
    @Test func aNodeLaunchedAgainKeepsItsRanks() throws {
        let (result, root) = try analyze([
            "launch1/node0/log.jsonl": log(count: 2, stepTime: 0.5),
            "launch1/node1/log.jsonl": log(count: 2, stepTime: 0.5),
            "launch2/node0/log.jsonl": log(count: 2, stepTime: 0.6, steps: 31...60),
            "launch2/node1/log.jsonl": log(count: 2, stepTime: 0.6, steps: 31...60),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == [0, 1, 2, 3])
        #expect(result.overview.resumes.map(\.rank) == [0, 1, 2, 3])
    }

    /// One folder named for a node among others, or files whose names give their rank:
    /// local ranks are read as they are, or give way to the file's rank.
    @Test(arguments: [
        ["node0/a.jsonl", "other/b.jsonl"], ["host0/rank0.jsonl", "host1/rank0.jsonl"],
    ])
    func otherLayoutsKeepTheirRanks(names: [String]) throws {
        let logs = names.enumerated().map { index, name in
            (name, log(count: 2, stepTime: 0.5, steps: (1 + 40 * index)...(40 + 40 * index)))
        }
        let (result, root) = try analyze(Dictionary(uniqueKeysWithValues: logs))
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == [0, 1])
        #expect(!result.inputs.flatMap(\.warnings).contains { $0.contains("local ranks") })
    }
}
