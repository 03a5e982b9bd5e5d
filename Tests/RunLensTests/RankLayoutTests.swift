import Testing

@testable import RunLens

/// Rank files in per-node folders that each number their ranks from 0.
struct RankLayoutTests {
    @Test func nodeFoldersThatShareRankNumbersAreNumberedOneAfterAnother() {
        let paths = [
            "run/node1/rank0.jsonl", "run/node1/rank1.jsonl", "run/node0/rank0.jsonl",
            "run/node0/rank1.jsonl", "run/node0/rank2.jsonl",
        ]

        let renumbered = RankLayout.renumbered(paths)

        // node0 holds ranks 0 to 2, so node1's 0 and 1 are read as 3 and 4.
        #expect(
            renumbered == [
                "run/node1/rank0.jsonl": .init(nameRank: 0, rank: 3),
                "run/node1/rank1.jsonl": .init(nameRank: 1, rank: 4),
            ])
    }

    /// `node1/rank0/metrics.jsonl`: the rank from the file's folder, the node from the one above.
    @Test func rankFoldersInNodeFoldersAreNumberedOneNodeAfterAnother() {
        let paths = [
            "run/node0/rank0/metrics.jsonl", "run/node0/rank1/metrics.jsonl",
            "run/node1/rank0/metrics.jsonl", "run/node1/rank1/metrics.jsonl",
        ]

        let renumbered = RankLayout.renumbered(paths)

        #expect(
            renumbered == [
                "run/node1/rank0/metrics.jsonl": .init(nameRank: 0, rank: 2, byFolder: true),
                "run/node1/rank1/metrics.jsonl": .init(nameRank: 1, rank: 3, byFolder: true),
            ])
        #expect(
            RankLayout.warning(.init(nameRank: 0, rank: 2, byFolder: true))
                == "its folder's name says rank 0, as do files in another folder: read as rank 2 "
                + "(ranks numbered folder after folder, one folder a node)")
    }

    @Test func foldersGoInTheOrderOfTheirNumbers() {
        let paths = [
            "host10/rank0.jsonl", "host2/rank0.jsonl", "host1/rank0.jsonl", "host1/rank1.jsonl",
        ]

        let renumbered = RankLayout.renumbered(paths)

        #expect(renumbered["host2/rank0.jsonl"]?.rank == 2)
        #expect(renumbered["host10/rank0.jsonl"]?.rank == 3)
        #expect(renumbered["host1/rank0.jsonl"] == nil)
    }

    /// A job launched twice writes the same node folders again: `launch2/node0/rank0` is
    /// `launch1/node0/rank0` resumed, not a fifth process.
    @Test func nodeFoldersOfOneNameAreOneNodeWhereverTheyAre() {
        let paths = [
            "run/launch1/node0/rank0.jsonl", "run/launch1/node0/rank1.jsonl",
            "run/launch1/node1/rank0.jsonl", "run/launch1/node1/rank1.jsonl",
            "run/launch2/node0/rank0.jsonl", "run/launch2/node0/rank1.jsonl",
            "run/launch2/node1/rank0.jsonl", "run/launch2/node1/rank1.jsonl",
        ]

        let renumbered = RankLayout.renumbered(paths)

        #expect(
            renumbered == [
                "run/launch1/node1/rank0.jsonl": .init(nameRank: 0, rank: 2),
                "run/launch1/node1/rank1.jsonl": .init(nameRank: 1, rank: 3),
                "run/launch2/node1/rank0.jsonl": .init(nameRank: 0, rank: 2),
                "run/launch2/node1/rank1.jsonl": .init(nameRank: 1, rank: 3),
            ])
    }

    @Test func foldersWithRanksOfTheirOwnKeepThem() {
        let paths = ["node0/rank0.jsonl", "node0/rank1.jsonl", "node1/rank2.jsonl", "rank3.jsonl"]

        #expect(RankLayout.renumbered(paths).isEmpty)
    }

    @Test func foldersNotNamedForNodesKeepTheRanksOfTheirFiles() {
        let attempts = ["attempt0/rank0.jsonl", "attempt1/rank0.jsonl"]
        let kinds = ["train/rank0.jsonl", "train/rank1.jsonl", "eval/rank0.jsonl"]

        #expect(RankLayout.renumbered(attempts).isEmpty)
        #expect(RankLayout.renumbered(kinds).isEmpty)
    }

    @Test func oneFolderWithARankTwiceIsLeftAlone() {
        let paths = ["logs/rank0.jsonl", "logs/rank0.jsonl.zst", "logs/rank1.jsonl", "log.txt"]

        #expect(RankLayout.renumbered(paths).isEmpty)
    }

    /// `node0-rank1/metrics.jsonl`: one folder names the node and the rank at once; its node is
    /// the name without the rank, so the ranks number as `node0/rank1/` does: 0-3, no gaps.
    @Test func foldersNamedForANodeAndARankNumberAsNodeThenRank() {
        let paths = [
            "run/node0-rank0/metrics.jsonl", "run/node0-rank1/metrics.jsonl",
            "run/node1_rank0/metrics.jsonl", "run/node1_rank1/metrics.jsonl",
        ]

        let renumbered = RankLayout.renumbered(paths)

        #expect(
            renumbered == [
                "run/node1_rank0/metrics.jsonl": .init(nameRank: 0, rank: 2, byFolder: true),
                "run/node1_rank1/metrics.jsonl": .init(nameRank: 1, rank: 3, byFolder: true),
            ])
        #expect(RankLayout.nodeFolder(of: "run/host3-rank2/log.jsonl") == "host3")
        #expect(RankLayout.nodeFolder(of: "run/node0-rank1/rank1.jsonl") == "node0")
    }

    @Test func aFolderNameLosesItsRank() {
        let names: [String: String?] = [
            "node0-rank1": "node0", "node1_rank0": "node1", "host3-rank2": "host3",
            "rank1-node0": "node0", "node0_rank1_logs": "node0_logs", "Node2-Worker_3": "Node2",
            "node0rank1": "node0", "node0": nil, "rank3": nil,
        ]
        for (name, node) in names {
            #expect(RankFromFileName.withoutRank(name) == node, "\(name)")
        }
    }
}
