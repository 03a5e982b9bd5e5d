import Testing

@testable import RunLens

/// Flaky nodes followed by the node or host folder of a rank's logs, never by rank number
/// across runs that put different machines at that rank.
struct FlakyNodeTests {
    static func run(_ name: String, straggler rank: Int, nodes: [NodeRanks] = []) -> DigestRun {
        DigestRun(
            figures: RunFigures(name: RunName(name: name, given: false)),
            incidents: [KindTallyTests.incident("straggler", .warning, rank: rank)],
            sources: [name], parts: 1, nodes: nodes)
    }

    static let twoNodes = [
        NodeRanks(node: "node0", ranks: [0, 1]), NodeRanks(node: "node1", ranks: [2, 3]),
    ]
    static let twoHosts = [
        NodeRanks(node: "host-gpu10", ranks: [0, 1]), NodeRanks(node: "host-gpu11", ranks: [2, 3]),
    ]

    @Test func rankThreeOnTwoHostsIsNoFlakyNode() {
        let runs = [
            Self.run("runP", straggler: 3, nodes: Self.twoNodes),
            Self.run("runQ", straggler: 3, nodes: Self.twoHosts),
        ]
        #expect(runs.map { $0.nodes.map(\.host) } == [["node1"], ["host-gpu11"]])
        #expect(FlakyNode.find(runs).isEmpty)
    }

    @Test func oneHostAtTwoRanksIsOneFlakyNode() {
        let runs = [
            Self.run("runP", straggler: 3, nodes: Self.twoNodes),
            Self.run("runR", straggler: 1, nodes: [NodeRanks(node: "node1", ranks: [0, 1])]),
        ]
        let nodes = FlakyNode.find(runs)
        #expect(nodes.map(\.label) == ["host node1 (ranks 1, 3)"])
        #expect(nodes.map(\.runNames) == [["runP", "runR"]])
    }

    @Test func ranksWithoutAHostMatchOnlyEachOther() {
        let runs = [
            Self.run("placed", straggler: 3, nodes: Self.twoNodes),
            Self.run("bare1", straggler: 3), Self.run("bare2", straggler: 3),
        ]
        let nodes = FlakyNode.find(runs)
        #expect(nodes.map(\.label) == ["rank 3"])
        #expect(nodes.map(\.runNames) == [["bare1", "bare2"]])
    }

    @Test func aRankReadInTwoNodeFoldersHasNoHost() {
        // records naming rank 1 in both node0's and node1's files
        let nodes = [
            NodeRanks(node: "node0", ranks: [0, 1]), NodeRanks(node: "node1", ranks: [1]),
        ]
        #expect(NodeRanks.nodeOfRank(nodes) == [0: "node0"])
        let run = Self.run("merged", straggler: 1, nodes: nodes)
        #expect(run.nodes.map(\.host) == [nil])
    }

    @Test func nodeFoldersAreFoundByTheFolderAboveEachFile() {
        let files = [
            "runs/a/node10/rank0.jsonl", "runs/a/node2/rank1.jsonl", "runs/a/notes.jsonl",
            "launch2/node2/rank0.jsonl", "runs/a/host-x/train.jsonl",
        ]
        let ranks: [Int32: Set<Int>] = [0: [4], 1: [1], 2: [9], 3: [0]]
        #expect(
            NodeRanks.find(files: files, ranks: ranks) == [
                NodeRanks(node: "node2", ranks: [0, 1]), NodeRanks(node: "node10", ranks: [4]),
            ])
    }

    @Test func mergedPartsJoinTheRanksOfANode() {
        var first = RunOverview()
        first.nodes = [NodeRanks(node: "node1", ranks: [2])]
        var second = RunOverview()
        second.nodes = [NodeRanks(node: "node0", ranks: [0]), NodeRanks(node: "node1", ranks: [3])]
        first.merge(second)
        #expect(
            first.nodes == [
                NodeRanks(node: "node0", ranks: [0]), NodeRanks(node: "node1", ranks: [2, 3]),
            ])
    }
}
