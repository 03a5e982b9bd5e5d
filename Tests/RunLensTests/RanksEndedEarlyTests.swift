import Foundation
import Testing

/// A rank whose log stops while the others go on is named in the verdict, the report and
/// `summary.json`; one that stops a few logging intervals early is not. Run through the
/// built binary, as a user would.
struct RanksEndedEarlyTests {
    /// 2026-01-01T00:00:00Z.
    static let start = 1_767_225_600

    /// One rank's log: a record every step from 1 to `last`, one second apart.
    static func log(rank: Int, last: Int) -> String {
        (1...last).map { step in
            "{\"step\": \(step), \"timestamp\": \(Self.start + step), \"rank\": \(rank),"
                + " \"loss\": 2.5, \"step_time\": 1.0}\n"
        }.joined()
    }

    /// Ranks 0 and 1 log steps 1–100, rank 2 stops at step 40 and rank 3 at step 89. Every
    /// rank logs every step, so the logging interval is 1 step and the tolerance 10 steps:
    /// rank 3 is 11 steps short, rank 2 60; a rank at step 90 (10 short) would not count.
    @Test func namesTheRanksThatStoppedMoreThanTenIntervalsBeforeTheRunsLast() throws {
        let folder = try Self.folder([0: 100, 1: 100, 2: 40, 3: 89])
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run(["analyze", folder.appendingPathComponent("logs").path])

        #expect(run.status == 0, "\(run.stderr)")
        let rank2 =
            "rank 2 stopped logging at step 40 (2026-01-01T00:00:40Z); the run went on to"
            + " step 100 (2026-01-01T00:01:40Z) without it: a hung or crashed worker?"
        let rank3 =
            "rank 3 stopped logging at step 89 (2026-01-01T00:01:29Z); the run went on to"
            + " step 100 (2026-01-01T00:01:40Z) without it: a hung or crashed worker?"
        #expect(run.stdout.contains("\n  warning: \(rank2)\n  warning: \(rank3)\n"))
        let report = run.output("report.md")
        #expect(report.contains("**2 ranks stopped logging early**"))
        #expect(report.contains("- \(rank2)\n- \(rank3)\n"))
        #expect(report.contains("| ended early | \(rank2); \(rank3) |"))

        let overview = try #require(try run.summary()["overview"] as? [String: Any])
        let ended = try #require(overview["ranksEndedEarly"] as? [[String: Any]])
        #expect(ended.map { $0["rank"] as? Int } == [2, 3])
        #expect(ended.map { $0["lastStep"] as? Double } == [40, 89])
        #expect(
            ended.map { $0["lastTime"] as? Double }
                == [Double(Self.start + 40), Double(Self.start + 89)])
    }

    /// CI sees it too: `junit.xml` has a passing case `runlens.run`/`ranks_ended_early` whose
    /// output holds the warning, and `--annotations github` prints a `::warning` line for it,
    /// on the rank's file; the run still passes, as nothing failed.
    @Test func junitAndAnnotationsTellOfIt() throws {
        let folder = try Self.folder([0: 100, 1: 100, 2: 40, 3: 100])
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run([
            "analyze", "--annotations", "github", folder.appendingPathComponent("logs").path,
        ])

        #expect(run.status == 0, "\(run.stderr)")
        let rank2 =
            "rank 2 stopped logging at step 40 (2026-01-01T00:00:40Z); the run went on to"
            + " step 100 (2026-01-01T00:01:40Z) without it: a hung or crashed worker?"
        // The annotation sits on the file rank 2's records came from.
        let file = folder.appendingPathComponent("logs/rank2.jsonl").path
        #expect(
            run.stdout.contains(
                "\n::warning file=\(file),title=runlens ranks_ended_early::\(rank2)\n"))
        let junit = try #require(XMLInspector.parse(run.output("junit.xml")))
        let cases = junit.all("testcase").filter { $0.attributes["classname"] == "runlens.run" }
        #expect(cases.map { $0.attributes["name"] } == ["ranks_ended_early"])
        // The flat loss also makes loss_plateau warn: its output comes first, with its case.
        let outputs = junit.all("system-out").map(\.text)
        #expect(outputs.last == "warning: \(rank2)\n")
        #expect(outputs.filter { $0.contains("stopped logging") }.count == 1)
        #expect(junit.all("failure").isEmpty)
        #expect(junit.all("testsuite").first?.attributes["tests"] == "19")
    }

    /// Ranks that end 10 intervals or fewer apart ended together: nothing is said, and
    /// `summary.json` has no `ranksEndedEarly`.
    @Test func ranksThatEndAFewStepsApartEndedTogether() throws {
        let folder = try Self.folder([0: 100, 1: 95, 2: 90, 3: 100])
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run(["analyze", folder.appendingPathComponent("logs").path])

        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("stopped logging"))
        #expect(!run.output("report.md").contains("stopped logging"))
        let overview = try #require(try run.summary()["overview"] as? [String: Any])
        #expect(overview["ranksEndedEarly"] == nil)
    }

    /// The tolerance is a setting: at 5 intervals, rank 2 (10 steps short) ended early.
    @Test func theToleranceComesFromTheConfig() throws {
        let folder = try Self.folder([0: 100, 1: 95, 2: 90, 3: 100])
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("tight.json")
        try Data("{\"fleet\": {\"ranks_ended_early\": {\"intervals\": 5}}}".utf8).write(to: config)

        let run = try BinaryRunner.run([
            "analyze", "--config", config.path, folder.appendingPathComponent("logs").path,
        ])

        #expect(run.status == 0, "\(run.stderr)")
        let overview = try #require(try run.summary()["overview"] as? [String: Any])
        let ended = try #require(overview["ranksEndedEarly"] as? [[String: Any]])
        #expect(ended.map { $0["rank"] as? Int } == [2])
    }

    /// A folder holding `logs/rankN.jsonl` for each rank and its last step.
    static func folder(_ lastSteps: [Int: Int]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-ended-\(UUID().uuidString)")
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        for (rank, last) in lastSteps {
            let file = logs.appendingPathComponent("rank\(rank).jsonl")
            try Data(log(rank: rank, last: last).utf8).write(to: file)
        }
        return folder
    }
}
