import Foundation
import Testing

@testable import RunLens

/// `runlens digest` arguments: what they set, and every error message word for word.
struct DigestCommandTests {
    @Test func readsEveryOption() throws {
        let command = try DigestCommand(arguments: [
            "runs/", "a.jsonl", "-o", "out", "--since", "2024-05-13", "--until=2024-05-19",
            "--previous", "last-week", "-j", "1", "--window-steps", "50", "--window", "2m",
            "--max-line-bytes", "4096", "--max-fields", "20", "-q", "--config", "team.json",
        ])
        #expect(command.inputs == ["runs/", "a.jsonl"])
        #expect(command.outputDirectory == "out")
        #expect(command.window.since == 1_715_558_400)
        #expect(command.window.until == 1_716_163_200)
        #expect(command.previous == "last-week")
        #expect(command.jobs == 1)
        #expect(command.analysis.windowSteps == 50)
        #expect(command.analysis.windowSeconds == 120)
        #expect(command.analysis.maxLineBytes == 4096)
        #expect(command.analysis.maxFields == 20)
        #expect(command.quiet)
        #expect(command.configPath == "team.json")
    }

    @Test func defaultsFollowTheSpecification() throws {
        let command = try DigestCommand(arguments: ["runs"])
        #expect(command.outputDirectory == "runlens-report")
        #expect(command.window == DateWindow(since: nil, until: nil))
        #expect(command.previous == nil)
        #expect(command.jobs >= 1)
    }

    static let errors: [([String], String)] = [
        ([], "digest needs at least one INPUT (a log, a run folder or an analyze output folder)"),
        (["-"], "digest reads files and folders, not standard input ('-')"),
        (
            ["runs", "--frobnicate"],
            "unknown option '--frobnicate' for digest (see runlens digest --help)"
        ),
        (
            ["runs", "--since", "last monday"],
            "--since expects an ISO 8601 date such as 2024-05-13 or 2024-05-13T09:00:00Z, "
                + "got 'last monday'"
        ),
        (
            ["runs", "--until", "2024-13-01"],
            "--until expects an ISO 8601 date such as 2024-05-13 or 2024-05-13T09:00:00Z, "
                + "got '2024-13-01'"
        ),
        (
            ["runs", "--since", "2024-05-20", "--until", "2024-05-13"],
            "--since '2024-05-20' must come before --until '2024-05-13'"
        ),
        (["runs", "--previous"], "--previous needs a value: an earlier digest folder"),
        (["runs", "-j", "0"], "-j expects a positive integer, got '0'"),
        (
            ["runs", "--since", "2024-05-13T10:00:00Z", "--until", "2024-05-13T10:00:00Z"],
            "--since '2024-05-13T10:00:00Z' must come before --until '2024-05-13T10:00:00Z'"
        ),
        (
            ["runs", "--window", "soon"],
            "--window expects a duration such as 30s, 5m or 1h, got 'soon'"
        ),
    ]

    @Test(arguments: errors)
    func wrongArgumentsSayWhatWasExpected(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try DigestCommand(arguments: arguments) }
    }

    @Test func helpNeedsNoInput() throws {
        #expect(try DigestCommand(arguments: ["--help"]).help)
    }

    @Test func binaryPrintsHelp() throws {
        let run = try BinaryRunner.run(["digest", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout == DigestCommand.usage + "\n")
        let top = try BinaryRunner.run(["--help"])
        #expect(top.stdout.contains("runlens digest INPUT... [-o DIR] [--since DATE]"))
    }

    @Test func binaryExitsTwoOnBadArgumentsWithOneLine() throws {
        let run = try BinaryRunner.run(["digest", "runs", "--since", "yesterday"])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: --since expects an ISO 8601 date such as 2024-05-13 or "
                + "2024-05-13T09:00:00Z, got 'yesterday'\n")
        #expect(run.stdout.isEmpty)
    }

    /// `analyze` and `digest` both write into `runlens-report` by default: neither writes into
    /// a folder that holds the other's files, where a later analysis would replace the
    /// report and leave the digest with another verdict beside it.
    @Test func analyzeAndDigestKeepToFoldersOfTheirOwn() throws {
        let run = try ProcessProbe.shellAfterAReport(
            "\"$RUNLENS\" digest runlens-report; echo \"exit $?\"; "
                + "\"$RUNLENS\" digest runlens-report -o week >/dev/null; "
                + "\"$RUNLENS\" analyze train.jsonl -o week; echo \"exit $?\"; "
                + "ls runlens-report week")
        defer { try? FileManager.default.removeItem(at: run.directory) }

        #expect(run.stdout.hasPrefix("exit 2\nexit 2\n"))
        #expect(run.stdout.contains("runlens-report:\ncharts\nincidents.csv\n"))
        #expect(run.stdout.hasSuffix("week:\ndigest.csv\ndigest.json\ndigest.md\n"))
        #expect(
            run.stderr
                == "runlens: error: cannot write 'runlens-report': it holds an analysis report "
                + "(summary.json, report.md), which a later analysis replaces while the digest "
                + "would stay; choose another -o\n"
                + "runlens: error: cannot write 'week': it holds a digest (digest.md) that would "
                + "stay beside the report with another verdict; choose another -o\n")
    }

    @Test func runsWithoutTimesLeftOutOfAPeriodAreNamed() throws {
        let log = Data("{\"step\": 1, \"loss\": 2.0}\n{\"step\": 2, \"loss\": 1.9}\n".utf8)
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try log.write(to: folder.appendingPathComponent("untimed.jsonl"))

        let run = try BinaryRunner.run([
            "digest", folder.appendingPathComponent("untimed.jsonl").path, "--since",
            "2000-01-01", "-o", "out",
        ])

        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("digest: 0 run(s) — no runs"))
        #expect(
            run.stderr
                == "runlens: warning: 1 run(s) left out of the period: no wall-clock times to "
                + "place them ('untimed')\n")
    }

    /// A folder of separate single-file runs was digested as one run whose files are its
    /// ranks without a word, where `analyze` warned that the files' steps overlap.
    @Test func separateRunsInOneFolderAreOneRunWithAWarning() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let week = try Self.folder(
            "week", in: folder, logs: ["mon.jsonl", "tue.jsonl", "wed.jsonl"])

        let run = try BinaryRunner.run(["digest", week, "-o", "report"])

        let note =
            "'\(week)' was digested as one run whose files are its ranks, but "
            + "'\(week)/tue.jsonl' and '\(week)/wed.jsonl' repeat the steps of "
            + "'\(week)/mon.jsonl' with the same metrics and name no rank: if they are separate "
            + "runs, give each file to digest as an input of its own"
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("digest: 1 run(s) — "))
        #expect(run.stderr == "runlens: warning: \(note)\n")
        #expect(run.output("digest.md").contains("\n## Warnings\n\n- \(note)\n"))
        #expect(CSVTestReader.records(run.output("digest.csv")).map { $0["run"] } == ["week"])
    }

    @Test func ranksOfOneRunGiveNoWarning() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Self.folder("run", in: folder, logs: ["rank0.jsonl", "rank1.jsonl"])

        let outcome = try BinaryRunner.run(["digest", run, "-o", "report"])

        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        #expect(!outcome.output("digest.md").contains("## Warnings"))
        #expect(!outcome.output("digest.json").contains("\"notes\""))
    }

    /// Makes folder `name` in `parent` holding `logs`, each the same two steps of a loss.
    private static func folder(_ name: String, in parent: URL, logs: [String]) throws -> String {
        let folder = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = Data("{\"step\": 1, \"loss\": 2.0}\n{\"step\": 2, \"loss\": 1.9}\n".utf8)
        for file in logs { try log.write(to: folder.appendingPathComponent(file)) }
        return folder.path
    }

    @Test func binaryExitsTwoOnAMissingInput() throws {
        let run = try BinaryRunner.run(["digest", "no-such-run", "-o", "report"])
        #expect(run.status == 2)
        #expect(
            run.stderr == "runlens: error: cannot read 'no-such-run': no such file or directory\n")
    }

    @Test func binaryExitsTwoOnAMissingPreviousDigest() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BinaryRunner.run([
            "digest", BinaryRunner.fixture("cases/05-loss-scale-collapse.jsonl"), "--previous",
            folder.path, "-o", "report",
        ])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: cannot read previous digest '\(folder.path)': "
                + "it holds no digest.json or digest.csv\n")
    }

    @Test func unreadableRunIsListedAndTheDigestStillWritten() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("{\"schema\": 1, \"tool\": \"runlens\", \"incidents\": {}}".utf8).write(
            to: broken.appendingPathComponent("summary.json"))
        let summary = broken.appendingPathComponent("summary.json").path

        let run = try BinaryRunner.run([
            "digest", BinaryRunner.fixture("cases/05-loss-scale-collapse.jsonl"), broken.path,
            "-o", "report",
        ])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: cannot read summary '\(summary)': "
                + "wrong type at 'incidents'\n")
        let rows = CSVTestReader.records(run.output("digest.csv"))
        #expect(rows.map { $0["run"] ?? "" } == ["05-loss-scale-collapse", "broken"])
        #expect(rows.map { $0["status"] ?? "" } == ["critical", "unreadable"])
        #expect(run.output("digest.md").contains("## Could not read"))
        #expect(run.stdout.hasPrefix("digest: 2 run(s) — 1 unreadable, "))
    }

    /// A run whose analysis could not read one of its ranks exited 2: its row keeps its
    /// figures, says so, and the digest exits 2 too, whether it analyzes the logs itself or
    /// reads the summary that analysis wrote.
    @Test func aRunReadWithoutOneOfItsInputsFailsTheDigest() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let logs = folder.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: BinaryRunner.fixture("cases/05-loss-scale-collapse.jsonl"),
            toPath: logs.appendingPathComponent("rank0.jsonl").path)
        try Data([0xFF, 0xFE, 0x7B, 0x00]).write(to: logs.appendingPathComponent("rank1.jsonl"))
        let report = folder.appendingPathComponent("report").path
        #expect(
            try BinaryRunner.run(["analyze", logs.path, "-o", report], addOutput: false).status
                == 2)

        for input in [logs.path, report] {
            let run = try BinaryRunner.run(["digest", input, "-o", "report"])

            #expect(run.status == 2)
            #expect(
                run.stderr.hasPrefix(
                    "runlens: error: run 'run': '\(logs.path)/rank1.jsonl': unsupported format: "
                        + "UTF-16 text"))
            let rows = CSVTestReader.records(run.output("digest.csv"))
            #expect(rows.map { $0["status"] ?? "" } == ["critical"])
            #expect(
                rows.first?["read_error"]?.hasPrefix("'\(logs.path)/rank1.jsonl': unsupported")
                    == true)
            #expect(run.stdout.hasPrefix("digest: 1 run(s) — 1 critical; 1 read without some "))
            let markdown = run.output("digest.md")
            #expect(markdown.contains("1 run: 1 critical; 1 read without some of its inputs."))
            #expect(markdown.contains("| critical (inputs unread) |"))
        }
    }
}
