import Foundation
import Testing

/// The parts of one log are read in the order they were written, whatever their names say,
/// and a log that starts over in the same file is told from a resume; through the binary.
struct ReadingOrderTests {
    /// `{"step": s, "loss": 3 - s/100 + bump}` lines, with `time` 1,715,000,000 + 1000·`clock`
    /// + s when `clock` is given, and NaN loss from step `nanFrom` on.
    static func lines(
        _ steps: ClosedRange<Int>, clock: Int? = nil, nanFrom: Int = .max, bump: Double = 0
    ) -> String {
        steps.map { step in
            let loss = step >= nanFrom ? "NaN" : "\(3 - Double(step) / 100 + bump)"
            let time = clock.map { #", "time": \#(1_715_000_000 + 1_000 * $0 + step)"# } ?? ""
            return #"{"step": \#(step), "loss": \#(loss)\#(time)}"# + "\n"
        }.joined()
    }

    static func write(_ text: String, to path: URL, gzip: Bool = false) throws {
        try FileManager.default.createDirectory(
            at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard gzip else { return try text.write(to: path, atomically: true, encoding: .utf8) }
        let plain = path.deletingPathExtension()
        try text.write(to: plain, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", plain.path]
        try process.run()
        process.waitUntilExit()
    }

    /// A launch stopped at step 60 (loss NaN from 55) and a second launch resumed from step
    /// 40's checkpoint, later on the clock, into a folder whose name sorts first. The first
    /// launch's log is compressed: its head is decoded to read its first time.
    @Test(arguments: [false, true])
    func aResumeInAFolderThatSortsFirstIsReadAfterItsRun(byArguments: Bool) throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = folder.appendingPathComponent("original/train.jsonl.gz")
        let continued = folder.appendingPathComponent("continued/train.jsonl")
        try Self.write(Self.lines(1...60, clock: 1, nanFrom: 55), to: original, gzip: true)
        try Self.write(Self.lines(41...100, clock: 2), to: continued)

        let inputs = byArguments ? [continued.path, original.path] : [folder.path]
        let run = try BinaryRunner.run(["analyze", "-q"] + inputs)

        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("overlap"))
        let overview = try run.summary()["overview"] as? [String: Any]
        let resumes = overview?["resumes"] as? [[String: Any]] ?? []
        #expect(resumes.count == 1)
        #expect((resumes.first?["file"] as? String)?.hasSuffix("continued/train.jsonl") == true)
        #expect(resumes.first?["fromStep"] as? Double == 60)
        #expect(resumes.first?["toStep"] as? Double == 41)
        #expect(resumes.first?["checkpointStep"] as? Double == 40)
        // From 1060 (step 60 of the first launch) to 2041 (step 41 of the second).
        #expect(resumes.first?["gapSeconds"] as? Double == 981)
        let replaced = resumes.first?["replacedNonFinite"] as? [[String: Any]]
        #expect(replaced?.first?["count"] as? Int == 6)
        #expect(replaced?.first?["firstStep"] as? Double == 55)
        #expect(resumes.first?["fromScratch"] == nil)
        // Steps 1–40 of the first launch and 41–100 of the second, none of them NaN.
        let loss = try Self.lossStats(run)
        #expect(loss?["count"] as? Int == 100)
        #expect(loss?["nonfinite"] as? Int == 0)
    }

    /// Steps 1–90 split by logrotate into `train.jsonl.2.gz` (1–30), `train.jsonl.1`
    /// (31–60) and `train.jsonl` (61–90), with no times: read oldest part first, one pass.
    @Test func logrotatesPartsAreReadOldestFirst() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(
            Self.lines(1...30), to: folder.appendingPathComponent("train.jsonl.2.gz"), gzip: true)
        try Self.write(Self.lines(31...60), to: folder.appendingPathComponent("train.jsonl.1"))
        try Self.write(Self.lines(61...90), to: folder.appendingPathComponent("train.jsonl"))

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(run.status == 0, "\(run.stderr)")
        let summary = try run.summary()
        let inputs = (summary["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
        #expect(
            inputs?.map { URL(fileURLWithPath: $0).lastPathComponent }
                == ["train.jsonl.2.gz", "train.jsonl.1", "train.jsonl"])
        let overview = summary["overview"] as? [String: Any]
        #expect((overview?["resumes"] as? [Any])?.isEmpty == true)
        let loss = try Self.lossStats(run)
        #expect(loss?["count"] as? Int == 90)
        #expect(loss?["first"] as? Double == 2.99)
        #expect(loss?["last"] as? Double == 2.1)
    }

    /// Steps 1–40, then the same file starts again at step 1 and runs to 50, its loss 0.001
    /// higher: a restart from scratch, said so, whose steps supersede the first run's.
    @Test func aStepBackToTheFirstIsARestartFromScratch() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("metrics.jsonl")
        try Self.write(Self.lines(1...40) + Self.lines(1...50, bump: 0.001), to: log)

        let run = try BinaryRunner.run(["analyze", "-q", log.path])

        #expect(run.status == 0, "\(run.stderr)")
        let expected =
            "restarted from scratch at line 41: step went back from 40 to 1, the first step "
            + "logged, so this is a new run in the same file, not a resume"
        #expect(run.stderr.contains(expected))
        let report = run.output("report.md")
        #expect(report.contains("restarted from scratch: step went back from 40 to 1"))
        #expect(!report.contains("resumed from a checkpoint"))
        let resumes = try (run.summary()["overview"] as? [String: Any])?["resumes"]
        let resume = (resumes as? [[String: Any]])?.first
        #expect(resume?["fromScratch"] as? Bool == true)
        #expect(resume?["line"] as? Int == 41)
        let loss = try Self.lossStats(run)
        #expect(loss?["count"] as? Int == 50)
        #expect(loss?["first"] as? Double == 2.991)
        #expect(loss?["last"] as? Double == 2.501)
    }

    /// Steps 1–40, then back to step 21 (a checkpoint at 20) with other values (the same
    /// lines again would be a second writer's): a resume, not a restart.
    @Test func aStepBackPastTheFirstIsAResume() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("metrics.jsonl")
        try Self.write(Self.lines(1...40) + Self.lines(21...50, bump: 0.001), to: log)

        let run = try BinaryRunner.run(["analyze", "-q", log.path])

        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("scratch"))
        #expect(run.output("report.md").contains("resumed from a checkpoint"))
        let resumes = try (run.summary()["overview"] as? [String: Any])?["resumes"]
        let resume = (resumes as? [[String: Any]])?.first
        #expect(resume?["fromScratch"] == nil)
        #expect(resume?["checkpointStep"] as? Double == 20)
    }

    private static func lossStats(_ run: BinaryRunner.Outcome) throws -> [String: Any]? {
        let metrics = try run.summary()["metrics"] as? [[String: Any]]
        return metrics?.first { $0["name"] as? String == "loss" }?["stats"] as? [String: Any]
    }
}
