import Foundation
import Testing

@testable import RunLens

/// From parts read to digest rows: merging by given name, order, unique names.
struct DigestRunsTests {
    static func part(
        _ name: String, given: Bool = false, start: Double? = nil, source: String = "x"
    ) -> LoadedPart {
        var figures = RunFigures(name: RunName(name: name, given: given))
        figures.firstTime = start
        figures.lastTime = start
        return LoadedPart(
            source: .summary(source),
            head: SummaryJSON.Head(schema: 1, tool: "runlens", run: figures, incidents: []))
    }

    @Test func rowsGoByStartTimeThenInputOrderWithUnreadableLast() {
        let runs = DigestRuns.assemble([
            LoadedPart(source: .logs("/x/broken.jsonl"), error: "bad"),
            Self.part("late", start: 300), Self.part("untimed"), Self.part("early", start: 100),
        ])
        #expect(runs.map(\.name) == ["early", "late", "untimed", "broken"])
        #expect(runs.map(\.status) == [.ok, .ok, .ok, .unreadable])
        #expect(runs.last?.error == "bad")
    }

    @Test func derivedNamesThatCollideStayApart() {
        let runs = DigestRuns.assemble([
            Self.part("logs", start: 1), Self.part("logs", start: 2),
            Self.part("logs (2)", start: 3),
        ])
        #expect(runs.map(\.name) == ["logs", "logs (3)", "logs (2)"])
    }

    /// Runs named after folders of one name are told apart by the folders above them, so
    /// the same job keeps its name next week whatever runs come before it.
    @Test func collidingNamesTakeTheFoldersThatTellThemApart() {
        let runs = DigestRuns.assemble([
            Self.part("logs", start: 1, source: "/w/job-b/logs"),
            Self.part("logs", start: 2, source: "/w/job-a/logs"),
            Self.part("logs", start: 3, source: "/w/x/a/logs"),
            Self.part("train", start: 4, source: "/w/r1/report"),
            Self.part("train", start: 5, source: "/w/r2/report"),
            Self.part("solo", start: 6, source: "/w/solo"),
        ])
        #expect(
            runs.map(\.name) == [
                "job-b/logs", "job-a/logs", "a/logs", "train (r1/report)",
                "train (r2/report)", "solo",
            ])
    }

    @Test func givenNamesWithoutMergeableDocumentsBecomeUnreadable() {
        let runs = DigestRuns.assemble([
            Self.part("job", given: true, start: 1), Self.part("job", given: true, start: 2),
        ])
        #expect(runs.count == 1)
        #expect(runs.first?.status == .unreadable)
        #expect(runs.first?.error == "cannot merge run 'job': 'x' was read without its metrics")
    }

    @Test func labelsSourcesWithoutANamedRun() {
        #expect(DigestRuns.label(.summary("/r/week/job-3-report/summary.json")) == "job-3-report")
        #expect(DigestRuns.label(.summary("/r/job-4.summary.json")) == "job-4")
        #expect(DigestRuns.label(.logs("/r/job-5.jsonl.gz")) == "job-5")
    }

    @Test func summariesWithoutARunBlockStillGetTheirFigures() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = SyntheticRuns.make(
            SyntheticRuns.Training(name: "old", start: 1_715_677_200, seed: 4, ranks: 1))
        let report = try SummaryFixture.write(run, incidents: [], under: folder)
        let path = report.appendingPathComponent("summary.json").path
        var document = try SummaryJSON.decode(
            try #require(FileManager.default.contents(atPath: path)))
        document.run = nil
        for index in document.metrics.indices {
            document.metrics[index].mergeable = nil
            document.metrics[index].scale = nil
        }
        try Data(try SummaryJSON.encode(document).utf8).write(to: URL(fileURLWithPath: path))

        let parts = DigestLoader(analysis: AnalysisOptions(inputs: []), jobs: 1).load([
            .summary(path)
        ])
        let row = try #require(DigestRuns.assemble(parts).first)
        #expect(row.name == "old-report")
        #expect(row.figures.finalTrainLoss == run.figures.finalTrainLoss)
        #expect(row.figures.finalValLoss == run.figures.finalValLoss)
        #expect(row.figures.firstTime == run.figures.firstTime)
        let throughput = try #require(row.figures.throughput)
        #expect(abs(throughput - (run.figures.throughput ?? 0)) <= 1e-9 * throughput)
    }
}

/// The same log analyzed twice under one run name (a CI job run again) is one run counted
/// once, with a warning; logs of one run in different files still merge as its parts.
struct DigestRepeatedAnalysisTests {
    @Test func aRepeatedAnalysisIsCountedOnce() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A loss spike at step 50: one critical loss_spike incident per analysis.
        let log = folder.appendingPathComponent("run.jsonl")
        let lines = (1...100).map { step in
            "{\"step\": \(step), \"loss\": \(step == 50 ? 9.0 : 2.0 + 0.01 * Double(step % 3))}\n"
        }
        try lines.joined().write(to: log, atomically: true, encoding: .utf8)
        let reports = folder.appendingPathComponent("reports")
        for attempt in ["attempt1", "attempt2"] {
            let out = reports.appendingPathComponent(attempt).path
            let run = try BinaryRunner.run(
                ["analyze", log.path, "--run-name", "job", "-o", out, "-q"], addOutput: false)
            #expect(run.status == 1, "\(run.stderr)")
        }

        let digestFolder = folder.appendingPathComponent("digest").path
        let digest = try BinaryRunner.run(["digest", reports.path, "-o", digestFolder])

        let first = reports.appendingPathComponent("attempt1").path
        let second = reports.appendingPathComponent("attempt2").path
        let note =
            "'\(first)' analyzes the same inputs as '\(second)' under the run name 'job': "
            + "counted once, from '\(second)'"
        #expect(digest.stderr.contains(note), "\(digest.stderr)")
        let csv = try String(contentsOfFile: digestFolder + "/digest.csv", encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.count == 1)
        // run,status,start,end,first_step,last_step,critical: one critical, not two.
        #expect(rows.first.map { $0.split(separator: ",")[6] } == "1")
    }
}
