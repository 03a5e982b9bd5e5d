import Foundation
import Testing

/// `runlens analyze` on logs built to have known answers: validations written late, and
/// resumes of seeded training whose replay repeats the first pass's records exactly.
struct AnalyzeRunShapeTests {
    /// Writes `lines` to a new `train.jsonl` and analyzes it with `arguments` added.
    static func analyze(_ lines: [String], _ arguments: [String] = []) throws
        -> BinaryRunner.Outcome
    {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-runshape-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try BinaryRunner.run(["analyze", file.path] + arguments)
    }

    static func train(_ steps: ClosedRange<Int>, loss: (Int) -> Double) -> [String] {
        steps.map { #"{"step": \#($0), "loss": \#(loss($0))}"# }
    }

    /// Expects `run` to hold one resume, at `line` from step `from` back to `to`, its report
    /// row saying `redone` steps were redone; and no record written twice.
    static func expectOneResume(
        _ run: BinaryRunner.Outcome, line: Int, from: Int, to: Int, redone: Int
    ) throws {
        let overview = try run.summary()["overview"] as? [String: Any]
        let resumes = overview?["resumes"] as? [[String: Any]] ?? []
        #expect(resumes.count == 1)
        #expect(resumes.first?["line"] as? Int == line)
        #expect(resumes.first?["fromStep"] as? Double == Double(from))
        #expect(resumes.first?["toStep"] as? Double == Double(to))
        #expect(overview?["duplicates"] as? Int == 0)
        let report = run.output("report.md")
        #expect(report.contains("| \(from) | \(to) | \(redone) |"))
        #expect(!report.contains("more than one process"))
    }

    static func count(_ run: BinaryRunner.Outcome, metric: String) -> Int {
        CSVTestReader.records(run.output("windows.csv")).filter { $0["metric"] == metric }
            .compactMap { Int($0["count"] ?? "") }.reduce(0, +)
    }

    @Test func validationsWrittenLateAreJudgedAtTheirSteps() throws {
        // Train loss 2 - s/400; validation 1.3 times it at steps 100, 200 and 300, written
        // 150 lines late. At the steps written after (250, 350) the ratio would be 1.65 and
        // 1.73, past the 1.5 rule; at their own steps it is 1.3, and validation falls.
        let loss = { (step: Int) in 2 - Double(step) / 400 }
        var lines: [String] = []
        for step in 1...400 {
            lines += Self.train(step...step, loss: loss)
            if step == 250 || step == 350 {
                lines.append(#"{"step": \#(step - 150), "val_loss": \#(1.3 * loss(step - 150))}"#)
            }
        }
        lines.append(#"{"step": 300, "val_loss": \#(1.3 * loss(300))}"#)
        let run = try Self.analyze(lines, ["--window-steps", "50"])

        #expect(run.status == 0, "\(run.stderr)")
        let starts = CSVTestReader.records(run.output("windows.csv"))
            .filter { $0["metric"] == "val_loss" }.compactMap { $0["window_start"] }
        #expect(starts == ["100", "200", "300"])
        let detectors = CSVTestReader.records(run.output("incidents.csv")).map { $0["detector"] }
        #expect(!detectors.contains("overfitting"))
        let overview = try run.summary()["overview"] as? [String: Any]
        #expect(overview?["restampedEvaluations"] as? Int == 0)
    }

    @Test func reportSaysWhenEvaluationsWereMoved() throws {
        // Case 18: one validation stamped step 0 after the resume (line 54).
        let run = try BinaryRunner.run([
            "analyze", BinaryRunner.fixture("cases/18-val-step0-after-resume.jsonl"),
        ])
        let report = run.output("report.md")
        #expect(
            report.contains(
                "| moved | 1 evaluation record stamped with a step before training began was "
                    + "placed at the last training step before it"))
    }

    @Test func identicalReplayAfterARestartIsAResumeNotDuplicates() throws {
        // Steps 1-100, a restart event at line 101, steps 81-160 with the same values:
        // the checkpoint is step 80, so steps 81-100 (20) were redone.
        let loss = { (step: Int) in 3 - Double(step) / 100 }
        let lines =
            Self.train(1...100, loss: loss)
            + [#"{"event": "restart", "message": "resumed from checkpoint-80"}"#]
            + Self.train(81...160, loss: loss)
        let run = try Self.analyze(lines)

        try Self.expectOneResume(run, line: 102, from: 100, to: 81, redone: 20)
        #expect(Self.count(run, metric: "loss") == 160)
    }

    @Test func replayIdenticalUpToAStepResumedWhereItWentBack() throws {
        // Steps 1-200, 180-200 at 5.0; the replay from 151 repeats 151-179 exactly, then
        // goes on to 250. Checkpoint 150: steps 151-200 (50) redone; the 5.0 stretch is
        // replaced before any detector sees it.
        let loss = { (step: Int) in 3 - Double(step) / 100 }
        let lines =
            Self.train(1...200) { $0 >= 180 ? 5.0 : loss($0) } + Self.train(151...250, loss: loss)
        let run = try Self.analyze(lines)

        try Self.expectOneResume(run, line: 201, from: 200, to: 151, redone: 50)
        #expect(Self.count(run, metric: "loss") == 250)
        let detectors = CSVTestReader.records(run.output("incidents.csv")).map { $0["detector"] }
        #expect(!detectors.contains("loss_spike"))
    }
}
