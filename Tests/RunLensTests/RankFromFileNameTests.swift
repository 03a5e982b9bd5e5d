import Testing

@testable import RunLens

/// Ranks read from file names (SPEC section 2, "rank" row), by hand.
struct RankFromFileNameTests {
    struct NameCase: CustomTestStringConvertible, Sendable {
        var path: String
        var rank: Int?
        var testDescription: String { path }
    }

    static let names: [NameCase] = [
        .init(path: "rank3.jsonl", rank: 3),
        .init(path: "logs/rank-03.log", rank: 3),
        .init(path: "worker_3.jsonl", rank: 3),
        .init(path: "RANK_12.jsonl.zst", rank: 12),
        .init(path: "output/log.txt.rank1", rank: 1),
        .init(path: "metrics_rank0_of_8.jsonl", rank: 0),
        .init(path: "metrics.jsonl", rank: nil),
        .init(path: "ranking.jsonl", rank: nil),
        .init(path: "workers.jsonl", rank: nil),
        // Only the file's own name counts, not its folders.
        .init(path: "run/rank7/metrics.jsonl", rank: nil),
    ]

    @Test(arguments: names)
    func readsTheRankFromTheBaseName(_ example: NameCase) {
        #expect(RankFromFileName.rank(in: example.path) == example.rank)
    }

    static let files: [NameCase] = [
        .init(path: "run/rank7/metrics.jsonl", rank: 7),
        .init(path: "run/worker-2/log.json", rank: 2),
        .init(path: "node1/RANK_03/metrics.jsonl", rank: 3),
        // The file's own name goes first.
        .init(path: "run/rank7/rank1.jsonl", rank: 1),
        // Only the folder that holds the file, not one further up.
        .init(path: "worker3/run/metrics.jsonl", rank: nil),
        .init(path: "ranking/metrics.jsonl", rank: nil),
        .init(path: "metrics.jsonl", rank: nil),
    ]

    @Test(arguments: files)
    func readsTheRankFromTheNameElseItsFolder(_ example: NameCase) {
        #expect(RankFromFileName.rank(ofFileAt: example.path) == example.rank)
    }
}
