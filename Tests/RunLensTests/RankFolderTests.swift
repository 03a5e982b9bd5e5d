import Foundation
import Testing

/// Ranks given only by the folder that holds each file, `rank0/metrics.jsonl` …, read through
/// the built binary.
struct RankFolderTests {
    /// Writes `text` at `path` under `folder`, making the folders on the way.
    static func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// `rank,mean` of each `step_time` row of `ranks.csv`.
    static func stepTimeMeans(_ run: BinaryRunner.Outcome) -> [String] {
        run.output("ranks.csv").split(whereSeparator: \.isNewline)
            .filter { $0.contains(",step_time,") }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { "\($0[0])=\($0[4])" }
    }

    /// Rank 3 takes four times as long a step as the others: before, the four folders were read
    /// as one run with overlap warnings and no straggler.
    @Test func aRankFolderGivesTheRankOfTheFilesInIt() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (rank, stepTime) in [(0, 0.25), (1, 0.25), (2, 0.25), (3, 1.0)] {
            let log = NodeFolderRanksTests.log(stepTime: stepTime)
            try Self.write(log, "rank\(rank)/metrics.jsonl", in: folder)
        }

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(Self.stepTimeMeans(run) == ["0=0.25", "1=0.25", "2=0.25", "3=1"])
        #expect(!run.stderr.contains("overlap"), "\(run.stderr)")
        let stragglers = run.output("incidents.csv").split(whereSeparator: \.isNewline)
            .filter { $0.contains(",straggler,") }
        #expect(stragglers.count == 1)
        #expect(stragglers.first?.contains(",step_time,3,") == true, "\(stragglers)")
    }

    /// Runs four ranks whose step times are 0.25, 0.5, 0.75 and 1 s, in the folders of
    /// `folders` (node 0's two ranks, then node 1's), and checks they are read as ranks 0-3,
    /// node after node, with the warning on the last file.
    static func expectNodesNumberedInOrder(_ folders: [String]) throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, stepTime) in zip(folders, [0.25, 0.5, 0.75, 1.0]) {
            let log = NodeFolderRanksTests.log(stepTime: stepTime)
            try Self.write(log, "\(name)/metrics.jsonl", in: folder)
        }

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(Self.stepTimeMeans(run) == ["0=0.25", "1=0.5", "2=0.75", "3=1"])
        #expect(
            run.stderr.contains(
                "\(folders[3])/metrics.jsonl: its folder's name says rank 1, as do files in "
                    + "another folder: read as rank 3 (ranks numbered folder after folder, one "
                    + "folder a node)"), "\(run.stderr)")
        #expect(
            run.output("report.md").contains("| nodes | node0: ranks 0, 1; node1: ranks 2, 3 |"))
    }

    /// `node1/rank0/metrics.jsonl`: the rank from the file's folder, numbered after the ranks of
    /// the node folder before.
    @Test func rankFoldersInNodeFoldersFollowTheNodeBefore() throws {
        try Self.expectNodesNumberedInOrder([
            "node0/rank0", "node0/rank1", "node1/rank0", "node1/rank1",
        ])
    }

    /// `node1_rank0/metrics.jsonl`: a folder named for the node and the rank at once numbers
    /// as `node1/rank0/` does, where before each folder was a node and the ranks had gaps.
    @Test func foldersNamedForANodeAndARankFollowTheNodeBefore() throws {
        try Self.expectNodesNumberedInOrder([
            "node0-rank0", "node0-rank1", "node1_rank0", "node1_rank1",
        ])
    }

    /// A rank folder's configuration is still no log: only a rank in the file's own name says
    /// that a file of one JSON object is one.
    @Test func aConfigurationInARankFolderIsStillSkipped() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(NodeFolderRanksTests.log(stepTime: 0.5), "rank0/metrics.jsonl", in: folder)
        try Self.write(#"{"hidden_size": 768, "num_layers": 12}"#, "rank0/config.json", in: folder)

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(run.status == 0, "\(run.stderr)")
        let skipped = try run.summary()["skipped"] as? [[String: Any]] ?? []
        #expect(
            skipped.contains { ($0["path"] as? String)?.hasSuffix("rank0/config.json") == true })
    }
}
