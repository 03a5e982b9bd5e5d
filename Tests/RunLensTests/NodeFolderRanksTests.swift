import Foundation
import Testing

/// A run whose ranks are written per node, `node0/rank0.jsonl` … `node1/rank0.jsonl` …,
/// each node numbering its own ranks from 0, read through the built binary.
struct NodeFolderRanksTests {
    /// Sixty steps of one rank taking `stepTime` seconds a step.
    static func log(stepTime: Double) -> String {
        (1...60).map { #"{"step": \#($0), "loss": 2.5, "step_time": \#(stepTime)}"# + "\n" }
            .joined()
    }

    @Test func eachNodesRanksFollowThoseOfTheNodeBefore() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Step times 0.25, 0.5 on node0 and 0.75, 1.0 on node1: global ranks 0 to 3.
        for (node, rank, stepTime) in [(0, 0, 0.25), (0, 1, 0.5), (1, 0, 0.75), (1, 1, 1.0)] {
            let path = folder.appendingPathComponent("node\(node)/rank\(rank).jsonl")
            try FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.log(stepTime: stepTime).write(to: path, atomically: true, encoding: .utf8)
        }

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.output("ranks.csv").split(whereSeparator: \.isNewline).filter {
            $0.contains(",step_time,")
        }
        let means = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { "\($0[0])=\($0[4])" }
        #expect(means == ["0=0.25", "1=0.5", "2=0.75", "3=1"])
        #expect(run.stderr.contains("node1/rank1.jsonl: its name says rank 1"))
        #expect(run.stderr.contains("read as rank 3"))
    }
}
