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

    /// `steps` steps of one rank's file, whose name gives its rank, each step taking
    /// `stepTime` seconds.
    private func rankLog(stepTime: Double, steps: ClosedRange<Int> = 1...40) -> String {
        steps.map { "{\"step\": \($0), \"loss\": 2.5, \"step_time\": \(stepTime)}\n" }.joined()
    }

    /// A node of local ranks 0 and 1 (ranks 0 and 1), then a node whose files name ranks 0
    /// and 1, which would be ranks 0 and 1 again: they are read as ranks 2 and 3.
    @Test func namedRanksFollowANodeOfLocalRanks() throws {
        let (result, root) = try analyze([
            "node0/train.jsonl": log(count: 2, stepTime: 0.5),
            "node1/rank0.jsonl": rankLog(stepTime: 0.75),
            "node1/rank1.jsonl": rankLog(stepTime: 1),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == [0, 1, 2, 3])
        let times = result.series.filter { $0.name == "step_time" }
        #expect(times.map(\.rank) == [0, 1, 2, 3])
        #expect(times.map(\.stats.mean) == [0.5, 0.5, 0.75, 1])
        #expect(result.inputs.map(\.rank) == [nil, 2, 3])
        #expect(
            result.inputs.map(\.warnings) == [
                [],
                [
                    "its name says rank 0 and its folder a node: read as rank 2 (named and local "
                        + "ranks numbered node after node, one folder a node)"
                ],
                [
                    "its name says rank 1 and its folder a node: read as rank 3 (named and local "
                        + "ranks numbered node after node, one folder a node)"
                ],
            ])
    }

    /// Named, local, named: node0's ranks 0–1 as named; node1's local ranks 0–2 as 2–4;
    /// node2's named 0–1 as 5–6, not as 2–3, which would count node0's named ranks alone.
    @Test func namedAndLocalRanksAreNumberedTogetherNodeAfterNode() throws {
        let (result, root) = try analyze([
            "node0/rank0.jsonl": rankLog(stepTime: 0.5),
            "node0/rank1.jsonl": rankLog(stepTime: 0.5),
            "node1/train.jsonl": log(count: 3, stepTime: 0.75),
            "node2/rank0.jsonl": rankLog(stepTime: 1),
            "node2/rank1.jsonl": rankLog(stepTime: 1.25),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == Array(0...6))
        let times = result.series.filter { $0.name == "step_time" }
        #expect(times.map(\.stats.mean) == [0.5, 0.5, 0.75, 0.75, 0.75, 1, 1.25])
        #expect(result.inputs.map(\.rank) == [0, 1, nil, 5, 6])
        #expect(
            result.inputs.map { $0.warnings.count } == [0, 0, 1, 1, 1])
        #expect(
            result.inputs[2].warnings == [
                "its records name local ranks 0–2 and its folder a node: read as ranks 2–4 "
                    + "(local ranks numbered node after node, one folder a node)"
            ])
    }

    /// A node whose files name ranks that go on from those read before keeps them.
    @Test func namedRanksThatGoOnFromTheNodesBeforeAreKept() throws {
        let (result, root) = try analyze([
            "node0/train.jsonl": log(count: 2, stepTime: 0.5),
            "node1/rank2.jsonl": rankLog(stepTime: 0.75),
            "node1/rank3.jsonl": rankLog(stepTime: 1),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == [0, 1, 2, 3])
        #expect(result.inputs.map(\.rank) == [nil, 2, 3])
        #expect(result.inputs.allSatisfy { $0.warnings.isEmpty })
    }

    /// A job of a node of local ranks and a node of named ranks launched again: each node
    /// keeps the ranks it had, so both launches resume ranks 0–3.
    @Test func aNodeOfNamedRanksLaunchedAgainKeepsItsRanks() throws {
        let (result, root) = try analyze([
            "launch1/node0/log.jsonl": log(count: 2, stepTime: 0.5),
            "launch1/node1/rank0.jsonl": rankLog(stepTime: 0.5),
            "launch1/node1/rank1.jsonl": rankLog(stepTime: 0.5),
            "launch2/node0/log.jsonl": log(count: 2, stepTime: 0.6, steps: 31...60),
            "launch2/node1/rank0.jsonl": rankLog(stepTime: 0.6, steps: 31...60),
            "launch2/node1/rank1.jsonl": rankLog(stepTime: 0.6, steps: 31...60),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == [0, 1, 2, 3])
        #expect(result.inputs.map(\.rank) == [nil, 2, 3, nil, 2, 3])
        #expect(result.overview.resumes.map(\.rank) == [0, 1, 2, 3])
    }

    /// A file in a node folder that names no rank and holds none (a configuration) leaves
    /// the named ranks to ``RankLayout``: node1's ranks 0 and 1 after node0's are 2 and 3.
    @Test func aFileWithoutRanksLeavesNamedRanksToTheLayout() throws {
        let (result, root) = try analyze([
            "node0/config.json": "{\"lr\": 0.1, \"model\": \"tiny\"}\n",
            "node0/rank0.jsonl": rankLog(stepTime: 0.5),
            "node0/rank1.jsonl": rankLog(stepTime: 0.5),
            "node1/rank0.jsonl": rankLog(stepTime: 0.75),
            "node1/rank1.jsonl": rankLog(stepTime: 0.75),
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        #expect(result.overview.ranks == [0, 1, 2, 3])
        #expect(result.inputs.map(\.rank) == [0, 1, 2, 3])
        #expect(
            result.inputs.last?.warnings == [
                "its name says rank 1, as do files in another folder: read as rank 3 (ranks "
                    + "numbered folder after folder, one folder a node)"
            ])
    }

    /// Named ranks are numbered as they are read only when node folders hold both files
    /// that name their rank and files that do not.
    @Test(arguments: [
        (["node0/rank0.jsonl", "node1/rank0.jsonl"], false),
        (["node0/train.jsonl", "node1/train.jsonl"], false),
        (["node0/train.jsonl", "other/rank0.jsonl"], false),
        (["node0/train.jsonl", "node1/rank0.jsonl"], true),
    ])
    func namedRanksAreNumberedAtReadingOnlyAmongLocalOnes(files: [String], numbers: Bool) {
        #expect(LocalRankBases(files: files).numbersNamedRanks == numbers)
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
