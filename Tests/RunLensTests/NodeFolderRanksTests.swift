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

    /// The job launched again from step 41's checkpoint into new folders of the same nodes:
    /// four ranks, each resumed, not eight.
    @Test func aSecondLaunchResumesTheSameRanks() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for launch in [1, 2] {
            let steps = launch == 1 ? 1...60 : 41...100
            let log = steps.map {
                #"{"step": \#($0), "loss": \#(3.0 - Double($0) / 100 + Double(launch - 1) / 1000)}"#
                    + "\n"
            }
            for (node, rank) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                let path = folder.appendingPathComponent(
                    "launch\(launch)/node\(node)/rank\(rank).jsonl")
                try FileManager.default.createDirectory(
                    at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                try log.joined().write(to: path, atomically: true, encoding: .utf8)
            }
        }

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(run.status == 0, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.output("summary.json").utf8))
        let overview = (summary as? [String: Any])?["overview"] as? [String: Any]
        #expect(overview?["ranks"] as? [Int] == [0, 1, 2, 3])
        let resumes = overview?["resumes"] as? [[String: Any]] ?? []
        #expect(resumes.map { $0["rank"] as? Int } == [0, 1, 2, 3])
        #expect(
            resumes.allSatisfy { $0["fromStep"] as? Double == 60 && $0["toStep"] as? Double == 41 })
    }
}
