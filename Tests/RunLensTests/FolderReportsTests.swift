import Foundation
import Testing

@testable import RunLens

/// A digest input folder that holds runlens report folders beside logs: reports of other
/// runs are runs of their own, a run folder's own report is passed over, and no run counts
/// twice or vanishes.
struct FolderReportsTests {
    /// Creates `files` (path → text) under a new folder.
    private func tree(_ files: [String: String]) throws -> URL {
        let root = try SyntheticRuns.temporaryFolder()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    /// A runlens summary that lists `inputs`.
    private func summary(_ inputs: [String]) -> String {
        let listed = inputs.map { "{\"path\": \"\($0)\"}" }.joined(separator: ", ")
        return "{\"schema\": 1, \"tool\": \"runlens\", \"inputs\": [\(listed)]}\n"
    }

    @Test func reportsOfOtherRunsBesideAStrayLogAreRunsOfTheirOwn() throws {
        let root = try tree([
            "week/a-report/summary.json": summary(["/gone/a/rank0.jsonl"]),
            "week/a-report/report.md": "# runlens report\n",
            "week/b-report/summary.json": summary(["b.jsonl"]),
            "week/stray.jsonl": "{\"step\": 1, \"loss\": 2}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let week = root.path + "/week"

        let resolution = try DigestSource.resolve([week])

        #expect(
            resolution.sources == [
                .logsBeside(folder: week, inputs: ["\(week)/stray.jsonl"]),
                .outputFolder("\(week)/a-report"), .outputFolder("\(week)/b-report"),
            ])
        #expect(
            resolution.grouping == [
                "'\(week)' holds 2 runlens report(s) of other runs, each digested as a run of "
                    + "its own: '\(week)/a-report', '\(week)/b-report'; the rest of '\(week)' "
                    + "was digested as one run: '\(week)/stray.jsonl'"
            ])
        #expect(resolution.notes.isEmpty)
    }

    @Test func aRunFolderWithItsOwnReportIsOneRun() throws {
        let root = try tree([
            "run7/rank0.jsonl": "{\"step\": 1, \"loss\": 2}\n",
            "run7/rank1.jsonl": "{\"step\": 1, \"loss\": 2}\n",
            // Written by `analyze run7 -o run7/runlens-report` in the folder above run7.
            "run7/runlens-report/summary.json": summary(["run7/rank0.jsonl", "run7/rank1.jsonl"]),
            "run7/runlens-report/report.md": "# runlens report\n",
            // Written by `analyze rank0.jsonl -o by-hand` inside run7.
            "run7/by-hand/summary.json": summary(["rank0.jsonl"]),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.path + "/run7"

        let resolution = try DigestSource.resolve([run])

        #expect(resolution.sources == [.logs(run)])
        #expect(resolution.grouping.isEmpty)
    }

    @Test func aReportOfLogsMovedSinceIsKnownByTheirFolderAndName() throws {
        let root = try tree([
            "run7/rank0.jsonl": "{\"step\": 1, \"loss\": 2}\n",
            "run7/runlens-report/summary.json": summary(["/scratch/old/run7/rank0.jsonl"]),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.path + "/run7"

        #expect(try DigestSource.resolve([run]).sources == [.logs(run)])
    }

    @Test func aRunFolderBesideAnotherRunsReportKeepsItsOwnReportOut() throws {
        let root = try tree([
            "fleet/other-report/summary.json": summary(["/elsewhere/other.jsonl"]),
            "fleet/run7/rank0.jsonl": "{\"step\": 1, \"loss\": 2}\n",
            "fleet/run7/runlens-report/summary.json": summary(["fleet/run7/rank0.jsonl"]),
            "fleet/stray.jsonl": "{\"step\": 1, \"loss\": 2}\n",
            "fleet/stray.jsonl.expected.json": "{\"expected\": []}\n",
            "fleet/.hidden/summary.json": summary(["/elsewhere/hidden.jsonl"]),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let fleet = root.path + "/fleet"

        let resolution = try DigestSource.resolve([fleet])

        #expect(
            resolution.sources == [
                .logsBeside(folder: fleet, inputs: ["\(fleet)/run7", "\(fleet)/stray.jsonl"]),
                .outputFolder("\(fleet)/other-report"),
            ])
        #expect(
            resolution.grouping == [
                "'\(fleet)' holds 1 runlens report(s) of other runs, each digested as a run of "
                    + "its own: '\(fleet)/other-report'; the rest of '\(fleet)' was digested as "
                    + "one run: '\(fleet)/run7', '\(fleet)/stray.jsonl'; "
                    + "'\(fleet)/run7/runlens-report' report(s) on logs read there, passed over "
                    + "so that no run counts twice"
            ])
    }

    @Test func aReportDeeperInsideLeavesTheRestOfItsFolderToTheRun() throws {
        let root = try tree([
            "runs/stray.jsonl": "{\"step\": 1, \"loss\": 2}\n",
            "runs/old/a-report/summary.json": summary(["/gone/a.jsonl"]),
            "runs/old/rank1.jsonl": "{\"step\": 1, \"loss\": 2}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let runs = root.path + "/runs"

        #expect(
            try DigestSource.resolve([runs]).sources == [
                .logsBeside(
                    folder: runs, inputs: ["\(runs)/old/rank1.jsonl", "\(runs)/stray.jsonl"]),
                .outputFolder("\(runs)/old/a-report"),
            ])
    }

    @Test func digestShowsEveryRunOfAFolderOfReportsAndAStrayLog() throws {
        let root = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let logs = root.appendingPathComponent("logs")
        let week = root.appendingPathComponent("week")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: week, withIntermediateDirectories: true)
        // A run whose loss turns NaN at step 91 of 100, analyzed into week/nan-report; and a
        // run whose loss falls steadily, left in week as a log.
        let nan = (1...100).map { "{\"step\": \($0), \"loss\": \($0 > 90 ? "NaN" : "2.5")}\n" }
        try Data(nan.joined().utf8).write(to: logs.appendingPathComponent("nan.jsonl"))
        let steady = (1...100).map { "{\"step\": \($0), \"loss\": \(300 - $0).0e-2}\n" }
        try Data(steady.joined().utf8).write(to: week.appendingPathComponent("stray.jsonl"))
        let report = week.appendingPathComponent("nan-report").path
        let analyzed = try ProcessProbe.runlens(
            ["analyze", logs.appendingPathComponent("nan.jsonl").path, "-o", report, "-q"],
            addOutput: false)
        #expect(analyzed.status == 1)

        let out = root.appendingPathComponent("digest").path
        let run = try ProcessProbe.runlens(
            ["digest", week.path, "-o", out, "-q"], addOutput: false)

        #expect(run.status == 0)
        let csv = try String(contentsOfFile: out + "/digest.csv", encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(
                separator: ",")
        }
        #expect(rows == ["stray,ok", "nan,critical"])
        let markdown = try String(contentsOfFile: out + "/digest.md", encoding: .utf8)
        #expect(markdown.contains("- '\(week.path)' holds 1 runlens report(s) of other runs"))
    }
}
