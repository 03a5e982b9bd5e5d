import Foundation
import Testing

/// The built binary's report folder, verdict line, annotations and terminal behaviour.
struct AnalyzeRunnerTests {
    static let case02 = "cases/02-resume-replayed-steps.jsonl"

    @Test func writesJUnitAndChartsAndLinksThemFromTheReport() throws {
        let run = try BinaryRunner.run(["analyze", BinaryRunner.fixture(Self.case02)])
        #expect(run.status == 0, "\(run.stderr)")
        let junit = try #require(XMLInspector.parse(run.output("junit.xml")))
        #expect(junit.all("testcase").count == 18)
        #expect(
            run.output("report.md").contains("[![Training loss](charts/loss.svg)](charts/loss.svg)")
        )
        let chart = try #require(ChartCheck(run.output("charts/loss.svg")))
        #expect(chart.paths() == ["loss"])
        #expect(chart.texts.contains("resume 212 → 202"))
    }

    @Test func quietPrintsOnlyTheVerdictLine() throws {
        let run = try BinaryRunner.run(["analyze", "--quiet", BinaryRunner.fixture(Self.case02)])
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty)
        #expect(lines[0].hasPrefix("PASS: no incidents — 156 records, 0 malformed, 1 input(s)"))
        #expect(run.stderr.isEmpty)
    }

    @Test func strictStopsAtTheFirstMalformedLineAndNamesItOnce() throws {
        let input = BinaryRunner.fixture("bad/cut-last-line.jsonl")
        let run = try BinaryRunner.run(["analyze", "--strict", input])
        #expect(run.status == 2)
        #expect(
            run.stderr == "runlens: error: \(input):3: unterminated string (column 13) (--strict)\n"
        )
    }

    @Test func strictStopsAtAJSONDocumentEntryThatIsNotAnObject() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("log.json").path
        let text = "[{\"step\": 1, \"loss\": 2.0},\n42,\n{\"step\": 2, \"loss\": 1.9}]\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))

        let strict = try BinaryRunner.run(["analyze", "--strict", input, "-o", folder.path])
        let lenient = try BinaryRunner.run(["analyze", "-q", input, "-o", folder.path])

        #expect(strict.status == 2)
        #expect(
            strict.stderr == "runlens: error: \(input):2: not a JSON object (column 1) (--strict)\n"
        )
        #expect(lenient.status == 0)
        #expect(lenient.stdout.hasPrefix("PASS: no incidents — 2 records, 1 malformed"))
    }

    /// An input that cannot be read, or gives no record, beside a good one: exit 2, and the
    /// verdict line, summary.json, report.md and junit.xml say ERROR rather than PASS.
    /// The error says why: `{path}` stands for the file's path.
    @Test(arguments: [
        ("notes.txt", "just some text\nand more\n", "unsupported format: plain-text log"),
        ("rank1.jsonl", "\n\n", "no metric record could be read (2 lines: 2 empty)"),
        (
            "rank2.jsonl", "{\"step\": 1, \"loss\": oops}\n[1]\n",
            "no metric record could be read (2 lines: 2 malformed; first: {path}:1: invalid "
                + "literal 'oops' (column 21))"
        ),
    ])
    func anUnreadableInputAmongGoodOnesIsAnErrorEverywhere(
        name: String, text: String, reason: String
    ) throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: bad))

        let run = try BinaryRunner.run([
            "analyze", "-q", BinaryRunner.fixture(Self.case02), bad,
        ])

        let inputs = name == "notes.txt" ? "1 input(s)" : "2 input(s)"
        let malformed = name == "rank2.jsonl" ? 2 : 0
        #expect(run.status == 2)
        #expect(
            run.stdout.hasPrefix(
                "ERROR: no incidents — 156 records, \(malformed) malformed, \(inputs), "
                    + "1 unreadable"))
        let why = reason.replacingOccurrences(of: "{path}", with: bad)
        #expect(run.stderr.contains("runlens: error: '\(bad)': \(why)"))
        #expect(run.output("summary.json").contains("\"status\" : \"error\""))
        let report = run.output("report.md")
        #expect(report.contains("**ERROR** — no incidents"))
        #expect(report.contains("**1 input could not be read**"))
        let junit = try #require(XMLInspector.parse(run.output("junit.xml")))
        #expect(junit.all("testsuite").first?.attributes["errors"] == "1")
        let error = try #require(junit.all("error").first)
        #expect(error.attributes["message"]?.hasPrefix("'\(bad)': ") == true)
    }

    /// A log named like an output, in the folder `-o` names: nothing is written over it,
    /// whether the folder or the file itself is the input.
    @Test(arguments: [false, true])
    func neverWritesOverAnInput(givenAsFile: Bool) throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("summary.json").path
        let text = "{\"step\": 1, \"loss\": 2.0}\n{\"step\": 2, \"loss\": 1.9}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: log))

        let input = givenAsFile ? log : folder.path
        let run = try BinaryRunner.run(["analyze", input, "-o", folder.path], addOutput: false)

        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: cannot write '\(log)': it is an input and would be written "
                + "over; choose another -o\n")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == text)
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md").path)
        )
    }

    /// A config file kept beside the logs is the run's settings, not one more log.
    @Test func theConfigFileAmongTheInputsIsSkipped() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("runlens.json").path
        try Data("{\"windows\": {\"steps\": 50}}\n".utf8).write(to: URL(fileURLWithPath: config))
        let log = folder.appendingPathComponent("train.jsonl").path
        let text = "{\"step\": 1, \"loss\": 2.0}\n{\"step\": 2, \"loss\": 1.9}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: log))

        let run = try BinaryRunner.run(["analyze", "-q", folder.path, "--config", config])

        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("PASS: no incidents — 2 records, 0 malformed, 1 input(s)"))
        #expect(
            run.output("summary.json").contains(
                "\"path\" : \"\(config)\",\n      \"reason\" : \"the config file of this run\""))
    }

    @Test func annotationsForACleanRunPrintNoCommands() throws {
        let run = try BinaryRunner.run([
            "analyze", "--annotations", "github", BinaryRunner.fixture(Self.case02),
        ])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("::"))
    }

    @Test func theVerdictComesBeforeTheAnnotations() throws {
        let run = try BinaryRunner.run([
            "analyze", "--annotations", "github", "-q",
            BinaryRunner.fixture("cases/08-rotated-concatenated.jsonl.gz"),
        ])
        let lines = run.stdout.split(separator: "\n")

        #expect(run.status == 1)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("FAIL: 1 critical — 180 records") == true)
        #expect(lines.last?.hasPrefix("::error ") == true)
    }

    /// A new empty folder under the system's temporary folder.
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A failed analysis (exit 2) leaves only `junit.xml`, saying why, so a CI page that
    /// reads JUnit files shows the reason instead of finding no file.
    @Test func aFailedAnalysisLeavesOnlyAJUnitFileSayingWhy() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.path + "/a/b"
        let empty = BinaryRunner.fixture("bad/empty.jsonl")

        let failed = try BinaryRunner.run(["analyze", empty, "-o", output], addOutput: false)

        #expect(failed.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["junit.xml"])
        let text = try String(contentsOfFile: output + "/junit.xml", encoding: .utf8)
        let junit = try #require(XMLInspector.parse(text))
        #expect(junit.all("testcase").map { $0.attributes["name"] } == ["records"])
        #expect(
            junit.all("error").first?.attributes["message"]
                == "no metric record could be read from '\(empty)' (0 lines)")
    }

    @Test func aStrictStopIsAnAnnotationOnItsLine() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("log.jsonl").path
        try Data("{\"step\": 1, \"loss\": 2}\n[1]\n".utf8).write(to: URL(fileURLWithPath: input))

        let run = try BinaryRunner.run(
            ["analyze", "--strict", "--annotations", "github", input, "-o", folder.path + "/r"],
            addOutput: false)

        #expect(run.status == 2)
        #expect(
            run.stdout
                == "::error file=\(input),line=2,title=runlens input::\(input):2: not a JSON "
                + "object (column 1) (--strict)\n")
    }

    @Test func aReportFolderInTheWayFailsBeforeTheInputIsRead() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.path + "/plain"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))

        // The input is missing too: only a folder made first names the folder, not the input.
        let failed = try BinaryRunner.run(
            ["analyze", folder.path + "/missing.jsonl", "-o", file + "/out"], addOutput: false)

        #expect(failed.status == 2)
        #expect(
            failed.stderr
                == "runlens: error: cannot write '\(file)/out': '\(file)' exists and is not a "
                + "folder\n")
    }

    @Test func aReportFolderNeverMixesTwoRunsOrKeepsAFailedRunsVerdict() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-reuse-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.path
        let charts = { (try? FileManager.default.contentsOfDirectory(atPath: output + "/charts")) }

        let serving = BinaryRunner.fixture("cases/08-rotated-concatenated.jsonl.gz")
        _ = try BinaryRunner.run(["analyze", serving, "-o", output], addOutput: false)
        #expect(charts()?.sorted() == ["latency.svg", "ttft.svg"])

        _ = try BinaryRunner.run(
            ["analyze", BinaryRunner.fixture(Self.case02), "-o", output], addOutput: false)
        #expect(charts()?.contains("latency.svg") == false)
        #expect(charts()?.isEmpty == false)

        let failed = try BinaryRunner.run(
            ["analyze", BinaryRunner.fixture("bad/empty.jsonl"), "-o", output], addOutput: false)
        #expect(failed.status == 2)
        #expect(
            failed.stderr.contains("runlens: warning: removed the earlier report in '\(output)'"))
        #expect(!FileManager.default.fileExists(atPath: output + "/report.md"))
        #expect(!FileManager.default.fileExists(atPath: output + "/summary.json"))
        #expect(charts() == nil)
        let junit = try String(contentsOfFile: output + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("errors=\"1\""))
        #expect(!junit.contains("loss_spike"))
    }

    /// A run without charts into a folder that had them left an empty `charts/`; and the
    /// user's own files there, SVG or not, were removed with the old charts.
    @Test func aReusedFolderMatchesTheNewRunAndKeepsTheUsersFiles() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.path + "/report"
        let charts = { (try? FileManager.default.contentsOfDirectory(atPath: output + "/charts")) }
        _ = try BinaryRunner.run(
            ["analyze", BinaryRunner.fixture(Self.case02), "-o", output], addOutput: false)
        #expect(charts()?.contains("loss.svg") == true)
        let plain = folder.appendingPathComponent("plain.jsonl")
        try Data("{\"foo\": 1}\n{\"foo\": 2}\n".utf8).write(to: plain)

        let run = try BinaryRunner.run(["analyze", plain.path, "-o", output], addOutput: false)

        // Nothing judged: an error (exit 2), with the full report, which has no chart.
        #expect(run.status == 2)
        let report = try String(contentsOfFile: output + "/report.md", encoding: .utf8)
        #expect(report.hasPrefix("# runlens report\n\n**ERROR**"))
        #expect(charts() == nil)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: output + "/notes.md"))
        _ = try BinaryRunner.run(
            ["analyze", BinaryRunner.fixture(Self.case02), "-o", output], addOutput: false)
        try Data("<svg/>".utf8).write(to: URL(fileURLWithPath: output + "/charts/mine.svg"))
        _ = try BinaryRunner.run(["analyze", plain.path, "-o", output], addOutput: false)
        #expect(charts() == ["mine.svg"])
        #expect(FileManager.default.fileExists(atPath: output + "/notes.md"))
    }

    /// SPEC: CI must not go green on a log it could not understand. Records read but no
    /// metric judged is an error (exit 2) with the full report, whatever `--fail-on` says.
    @Test(arguments: [[], ["--fail-on", "never"]])
    func nothingJudgedIsAnError(_ flags: [String]) throws {
        let log = Data("{\"foo\": 1, \"bar\": 2}\n{\"foo\": 2, \"bar\": 3}\n".utf8)

        let run = try BinaryRunner.run(["analyze", "-"] + flags, stdin: log)

        #expect(run.status == 2)
        #expect(
            run.stdout.hasPrefix(
                "ERROR: no incidents — 2 records, 0 malformed, 1 input(s), nothing judged;"))
        #expect(
            run.stderr
                == "runlens: error: no metric name took a role the detectors use (loss, step "
                + "time, GPU memory, latency, ...): nothing was judged; name yours under "
                + "\"roles\" in the config\n")
        #expect(run.output("report.md").hasPrefix("# runlens report\n\n**ERROR** — no incidents"))
        #expect(run.output("report.md").contains("**The run is an error** (exit 2)"))
        #expect(
            try run.summary()["verdict"].flatMap { $0 as? [String: Any] }?["status"] as? String
                == "error")
        let junit = run.output("junit.xml")
        #expect(junit.contains("errors=\"1\""))
        #expect(junit.contains("<testcase classname=\"runlens.analyze\" name=\"roles\""))
    }

    /// A loss written by an f-string or `printf` goes `nan` at step 60 (and `-nan`, `inf`
    /// after): 100 records, none malformed, and the divergence fails the run from step 60.
    @Test func printfNonFiniteWordsAreReadAsNonFiniteValues() throws {
        let words = ["nan", "-nan", "inf", "NaN", "-inf"]
        let lines = (1...100).map { step in
            let loss = step < 60 ? String(3.0 - Double(step) * 0.01) : words[step % words.count]
            return "{\"step\": \(step), \"loss\": \(loss)}"
        }
        let log = Data((lines.joined(separator: "\n") + "\n").utf8)

        let run = try BinaryRunner.run(["analyze", "-"], stdin: log)

        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("FAIL: 1 critical — 100 records, 0 malformed"))
        let rows = CSVTestReader.records(run.output("incidents.csv"))
        #expect(rows.map { $0["detector"] } == ["divergence"])
        #expect(rows.first?["start_step"] == "60")
    }

    /// A bad configuration stops the run (exit 2) and, as any failed analysis, leaves only a
    /// `junit.xml` saying why in the report folder: an earlier report there, whose junit.xml
    /// had no failure, would otherwise read as this run's. A report given as the baseline
    /// stays.
    @Test func aBadConfigLeavesOnlyAJUnitSayingWhy() throws {
        let folder = try Self.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.path + "/report"
        let config = folder.appendingPathComponent("bad.json")
        try Data(#"{"training": {"loss_spike": {"enabled": "yes"}}}"#.utf8).write(to: config)
        let analyze = { (extra: [String]) in
            try BinaryRunner.run(
                ["analyze", BinaryRunner.fixture(Self.case02), "-o", output] + extra,
                addOutput: false)
        }
        _ = try analyze([])

        let kept = try analyze(["--config", config.path, "--baseline", output])
        #expect(kept.status == 2)
        #expect(FileManager.default.fileExists(atPath: output + "/summary.json"))

        let run = try analyze(["--config", config.path])

        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("runlens: error: config '\(config.path)'"), "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: output)
        #expect(files == ["junit.xml"])
        let junit = try String(contentsOfFile: output + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("errors=\"1\""))
        #expect(junit.contains("<testcase classname=\"runlens.analyze\" name=\"setup\""))
    }

    /// A metric named under `roles` in the config is judged: the same log passes.
    @Test func aRoleFromTheConfigMakesTheRunJudged() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("runlens.json")
        try Data(#"{"roles": {"train_loss": ["foo"]}}"#.utf8).write(to: config)
        let log = Data("{\"foo\": 1, \"bar\": 2}\n{\"foo\": 2, \"bar\": 3}\n".utf8)

        let run = try BinaryRunner.run(["analyze", "-", "--config", config.path], stdin: log)

        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("PASS: no incidents — 2 records, 0 malformed, 1 input(s);"))
        #expect(run.stderr.isEmpty)
    }

    @Test func anUnknownAnnotationFormatIsAUsageError() throws {
        let run = try BinaryRunner.run([
            "analyze", "--annotations", "bogus", BinaryRunner.fixture(Self.case02),
        ])
        #expect(run.status == 2)
        #expect(run.stderr == "runlens: error: --annotations expects github, got 'bogus'\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func pipesGetNoColourCodes() throws {
        let good = try BinaryRunner.run(["analyze", BinaryRunner.fixture(Self.case02)])
        let bad = try BinaryRunner.run(["analyze", "/no/such/log.jsonl"])
        for text in [good.stdout, good.stderr, bad.stdout, bad.stderr] {
            #expect(!text.contains("\u{1B}"))
        }
        #expect(bad.stderr.hasPrefix("runlens: error: "))
    }

    @Test func aClosedStandardOutputEndsQuietly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-pipe-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = BinaryRunner.executable
        process.arguments = [
            "analyze", BinaryRunner.fixture(Self.case02), "-o", directory.path,
        ]
        let out = Pipe()
        let err = Pipe()
        try out.fileHandleForReading.close()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(stderr.isEmpty)
    }
}
