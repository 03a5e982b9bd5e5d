import Foundation
import Testing

/// What a user found in `runlens digest`, end to end through the binary: an info incident
/// counted as a hit, a failed analysis's folder read as logs, two machines called one flaky
/// node, the changes since last week without the runs that came and went, the val-loss
/// column's silent choice, and a count of one in the plural.
struct DigestUserReportTests {
    static func runlens(_ arguments: [String], status: Int32 = 0) throws -> BinaryRunner.Outcome {
        let run = try BinaryRunner.run(arguments, addOutput: false)
        #expect(run.status == status, "\(arguments): \(run.stderr)")
        return run
    }

    static func synth(_ scenario: String, seed: Int, to path: String, ranks: Int = 1) throws {
        try runlens([
            "synth", scenario, "--seed", String(seed), "--ranks", String(ranks), "-o", path,
        ])
    }

    static func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Synth's contract: a `clean` run has no incident at warning or above; `nan` and
    /// `diverge` runs of one rank have one critical divergence.
    @Test func anInfoIncidentIsNoHitAndRunsThatCameAndWentAreListed() throws {
        let root = try SyntheticRuns.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.synth("nan", seed: 1, to: "\(root)/wk1/runA/train.jsonl")
        try Self.synth("clean", seed: 9, to: "\(root)/wk1/runB/train.jsonl")
        try Self.synth("clean", seed: 3, to: "\(root)/wk1/runC/train.jsonl")
        try Self.synth("clean", seed: 5, to: "\(root)/wk2/runA/train.jsonl")
        try Self.synth("diverge", seed: 7, to: "\(root)/wk2/runC/train.jsonl")
        try Self.synth("clean", seed: 11, to: "\(root)/wk2/runE/train.jsonl")

        try Self.runlens(["digest", "\(root)/wk1", "-o", "\(root)/d1"])
        let run = try Self.runlens([
            "digest", "\(root)/wk2", "--previous", "\(root)/d1", "-o", "\(root)/d2",
        ])
        let digest = Self.text("\(root)/d2/digest.md")
        #expect(digest.contains("\n- Fixed: `runA`.\n"))
        #expect(digest.contains("\n- New runs: `runE` ("))
        #expect(digest.contains("\n- Runs in the previous digest, not in this one: `runB`.\n"))
        #expect(digest.contains("\n- Incident kinds hitting more runs: none.\n"))
        #expect(digest.contains("\n- Incident kinds hitting fewer runs: none.\n"))
        #expect(digest.contains("\n| divergence | 1 | 1 | critical | runC |\n"))
        #expect(run.stdout.contains("\n  critical runC: divergence\n"))
    }

    @Test func aFailedAnalysisFolderShowsTheReasonItsJUnitGives() throws {
        let root = try SyntheticRuns.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(
            atPath: "\(root)/emptyrun", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: "\(root)/emptyrun/rank0.jsonl", contents: Data())
        try Self.runlens(["analyze", "\(root)/emptyrun", "-o", "\(root)/rep/runX"], status: 2)
        try Self.synth("clean", seed: 3, to: "\(root)/logs/runA/train.jsonl")
        try Self.runlens(["analyze", "\(root)/logs/runA", "-o", "\(root)/rep/runA"])

        let run = try Self.runlens(["digest", "\(root)/rep", "-o", "\(root)/d"], status: 2)
        let reason =
            "the analysis that wrote '\(root)/rep/runX/junit.xml' failed (exit 2): no metric "
            + "record could be read from '\(root)/emptyrun' (0 lines)"
        #expect(Self.text("\(root)/d/digest.md").contains("\n- `runX`: \(reason)\n"))
        #expect(run.stderr.contains("runlens: error: \(reason)\n"))
        // `read_error`, then the empty `disabled` cell.
        #expect(Self.text("\(root)/d/digest.csv").contains(",\(reason),\r\n"))
    }

    /// Lays out the four rank files of a `straggler` run over node folders, the straggling
    /// rank's file at `straggler`, with the rank field taken out of the records so that the
    /// file's name and folder give it.
    static func layOut(_ source: String, straggler: Int, _ files: [String: Int]) throws {
        for (path, index) in files {
            let rank = index == -1 ? straggler : (0...3).filter { $0 != straggler }[index]
            let text = Self.text("\(source)/rank\(rank).jsonl").replacingOccurrences(
                of: #""rank": \d+, "#, with: "", options: .regularExpression)
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test func flakyNodesFollowHostFoldersNotRankNumbers() throws {
        let root = try SyntheticRuns.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.synth("straggler", seed: 3, to: "\(root)/s", ranks: 4)
        struct Promise: Decodable {
            struct Expected: Decodable { var rank: Int? }
            var expected: [Expected]
        }
        let data = try #require(FileManager.default.contents(atPath: "\(root)/s.expected.json"))
        let slow = try #require(try JSONDecoder().decode(Promise.self, from: data).expected[0].rank)
        let week = "\(root)/wk"
        // node1/rank1 is rank 3 (node0 holds ranks 0 and 1), as is host-gpu11/rank1; runR's
        // node1 alone keeps rank 1.
        try Self.layOut(
            "\(root)/s", straggler: slow,
            [
                "\(week)/runP/node0/rank0.jsonl": 0, "\(week)/runP/node0/rank1.jsonl": 1,
                "\(week)/runP/node1/rank0.jsonl": 2, "\(week)/runP/node1/rank1.jsonl": -1,
                "\(week)/runQ/host-gpu10/rank0.jsonl": 0, "\(week)/runQ/host-gpu10/rank1.jsonl": 1,
                "\(week)/runQ/host-gpu11/rank0.jsonl": 2,
                "\(week)/runQ/host-gpu11/rank1.jsonl": -1,
                "\(week)/runR/node1/rank0.jsonl": 0, "\(week)/runR/node1/rank1.jsonl": -1,
            ])

        try Self.runlens(["digest", week, "-o", "\(root)/d"])
        let digest = Self.text("\(root)/d/digest.md")
        #expect(digest.contains("\n| host node1 (ranks 1, 3) | 2 | straggler | runP, runR |\n"))
        #expect(!digest.contains("| rank 3 |"))

        try Self.runlens(["analyze", "\(week)/runQ", "-o", "\(root)/q", "-q"])
        let summary = Self.text("\(root)/q/summary.json")
        let nodes =
            #""nodes" : [ { "node" : "host-gpu10", "ranks" : [ 0, 1 ] }, "#
            + #"{ "node" : "host-gpu11", "ranks" : [ 2, 3 ] } ]"#
        let flat = summary.replacingOccurrences(
            of: #"\s+"#, with: " ", options: .regularExpression)
        #expect(flat.contains(nodes))
    }

    @Test func theValLossCellNamesASeriesWithoutAStandardName() throws {
        let root = try SyntheticRuns.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(
            atPath: "\(root)/runs/r1", withIntermediateDirectories: true)
        // val_loss_code logged twice, val_loss_text once: the code set's last value is shown
        let log =
            "{\"step\": 1, \"loss\": 3.0}\n{\"step\": 2, \"loss\": 2.8, \"val_loss_code\": 2.9}\n"
            + "{\"step\": 3, \"loss\": 2.6, \"val_loss_text\": 3.5}\n"
            + "{\"step\": 4, \"loss\": 2.5, \"val_loss_code\": 2.7}\n"
        try log.write(toFile: "\(root)/runs/r1/train.jsonl", atomically: true, encoding: .utf8)

        try Self.runlens(["digest", "\(root)/runs", "-o", "\(root)/d"])
        let digest = Self.text("\(root)/d/digest.md")
        #expect(digest.contains(" | 2.500 | 2.700 (`val_loss_code`) | "))
        #expect(digest.contains("else of the series with most values, then the first by name"))
    }

    @Test func oneIsolatedNonFinitePointIsSaidInTheSingular() throws {
        let root = try SyntheticRuns.temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: root) }
        // 60 steps; the gradient norm is NaN at step 20 alone
        let lines = (1...60).map { step in
            "{\"step\": \(step), \"loss\": \(3 - Double(step) / 100), \"grad_norm\": "
                + (step == 20 ? "NaN" : "1.0") + "}\n"
        }
        try lines.joined().write(toFile: "\(root)/iso.jsonl", atomically: true, encoding: .utf8)

        try Self.runlens(["analyze", "\(root)/iso.jsonl", "-o", "\(root)/r", "-q"])
        #expect(
            Self.text("\(root)/r/incidents.csv").contains(
                "grad_norm was non-finite on 1 point in 1 run (each shorter than 3 in a row"))
        #expect(Self.text("\(root)/r/report.md").contains("; 60 records from 1 input."))
    }
}
