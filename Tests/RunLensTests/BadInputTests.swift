import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The catalogue of bad input (`fixtures/bad/README.md`): each case runs the built binary and
/// checks that it neither crashes nor hangs, says what went wrong in one line naming the file
/// (and the line, where there is one), and still accounts for every line.
struct BadInputTests {
    /// What a run whose names take no role says on standard error: it is an error (exit 2).
    static let judgedNothing =
        "runlens: error: no metric name took a role the detectors use (loss, step time, GPU "
        + "memory, latency, ...): nothing was judged; name yours under \"roles\" in the config"

    /// One committed fixture and what runlens must make of it.
    struct Case: CustomStringConvertible, Sendable {
        var file: String
        var status: Int32 = 0
        /// The accounting, `nil` when the run must fail before writing a report.
        var lines: Int?
        var records = 0
        var metadata = 0
        var empty = 0
        var malformed = 0
        /// The malformed lines listed, as `line: reason`.
        var samples: [String] = []
        /// Standard error, line by line; `{path}` stands for the fixture's path.
        var stderr: [String] = []
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "empty.jsonl", status: 2,
            stderr: ["runlens: error: no metric record could be read from '{path}' (0 lines)"]),
        Case(
            file: "blank-lines.jsonl", status: 2,
            stderr: [
                "runlens: error: no metric record could be read from '{path}' (5 lines: 5 empty)"
            ]),
        Case(
            file: "binary-garbage.bin", status: 2,
            stderr: ["runlens: error: '{path}': unsupported format: binary data, not a metric log"]
        ),
        Case(
            file: "binary-in-the-middle.jsonl", lines: 205, records: 200, malformed: 5,
            samples: (101...105).map { "\($0): not a JSON object (column 1)" },
            stderr: [
                "runlens: warning: skipped {path}:101: not a JSON object (column 1) "
                    + "(and 4 more malformed lines in this file; see the report)"
            ]),
        Case(
            file: "utf16.jsonl", status: 2,
            stderr: [
                "runlens: error: '{path}': unsupported format: UTF-16 text; runlens reads UTF-8 "
                    + "(convert it with iconv -f UTF-16 -t UTF-8)"
            ]),
        Case(
            file: "nul-in-line.jsonl", lines: 10, records: 8, malformed: 2,
            samples: [
                "4: control character in string (column 16)", "7: not a JSON object (column 1)",
            ],
            stderr: [
                "runlens: warning: skipped {path}:4: control character in string (column 16) "
                    + "(and 1 more malformed line in this file; see the report)"
            ]),
        Case(file: "invalid-utf8.jsonl", lines: 5, records: 5),
        Case(
            file: "nested-arrays.jsonl", lines: 4, records: 2, malformed: 2,
            samples: [
                "2: nesting deeper than 512 levels (column 532)",
                "3: nesting deeper than 512 levels (column 532)",
            ],
            stderr: [
                "runlens: warning: skipped {path}:2: nesting deeper than 512 levels (column 532) "
                    + "(and 1 more malformed line in this file; see the report)"
            ]),
        Case(
            file: "numbers.jsonl", lines: 12, records: 9, malformed: 3,
            samples: [
                "3: invalid number '01' (column 21)", "4: invalid number '.5' (column 21)",
                "5: invalid number '1.' (column 21)",
            ],
            stderr: [
                "runlens: warning: skipped {path}:3: invalid number '01' (column 21) "
                    + "(and 2 more malformed lines in this file; see the report)"
            ]),
        Case(file: "duplicate-keys.jsonl", lines: 4, records: 4),
        Case(file: "case-keys.jsonl", lines: 3, records: 3),
        Case(
            file: "control-characters.jsonl", status: 2, lines: 2, records: 2,
            stderr: [Self.judgedNothing]),
        Case(file: "huge-timestamps.jsonl", lines: 4, records: 4),
        Case(file: "huge-device-index.jsonl", lines: 2, records: 2),
        Case(file: "fuzz-analyze-untimed-then-huge-times.jsonl", lines: 3, records: 3),
        Case(
            file: "fuzz-analyze-short-token-after-gpu.log", lines: 4, records: 1, malformed: 3,
            samples: [
                "1: expected ':' after a key (column 25)",
                "2: control character in string (column 25)", "3: expected a value (column 21)",
            ],
            stderr: [
                "runlens: warning: skipped {path}:1: expected ':' after a key (column 25) "
                    + "(and 2 more malformed lines in this file; see the report)"
            ]),
        Case(
            file: "open-quote.csv", lines: 5, records: 3, metadata: 1, malformed: 1,
            samples: [
                "3: quoted field not closed at the end of the input: the 2 lines after it are "
                    + "read again"
            ],
            stderr: [
                "runlens: warning: skipped {path}:3: quoted field not closed at the end of the "
                    + "input: the 2 lines after it are read again"
            ]),
        Case(
            file: "bad-entry-in-array.json", lines: 10, records: 9, malformed: 1,
            samples: ["5: invalid number '1.' (column 21)"],
            stderr: ["runlens: warning: skipped {path}:5: invalid number '1.' (column 21)"]),
        Case(
            file: "broken-trainer-state.json", lines: 8, records: 4, metadata: 1, malformed: 3,
            samples: [
                "2: invalid number '1.' (column 18)",
                "6: expected ',' or ']' after a value (column 5)",
                "7: expected ',' or '}' after a value (column 41)",
            ],
            stderr: [
                "runlens: warning: skipped {path}:2: invalid number '1.' (column 18) "
                    + "(and 2 more malformed lines in this file; see the report)"
            ]),
        Case(file: "crlf-bom-no-final-newline.jsonl", lines: 3, records: 3),
        Case(file: "cr-line-ends.jsonl", lines: 4, records: 3, empty: 1),
        Case(
            file: "cut-first-line.jsonl", status: 2,
            stderr: [
                "runlens: warning: skipped {path}:1: unexpected end of document (column 24)",
                "runlens: error: no metric record could be read from '{path}' (1 line: "
                    + "1 malformed; first: {path}:1: unexpected end of document (column 24))",
            ]),
        Case(
            file: "cut-last-line.jsonl", lines: 3, records: 2, malformed: 1,
            samples: ["3: unterminated string (column 13)"],
            stderr: ["runlens: warning: skipped {path}:3: unterminated string (column 13)"]),
        Case(
            file: "truncated.jsonl.zst", lines: 200, records: 200,
            stderr: [
                "runlens: warning: {path}: truncated zstd stream: the last frame (at byte 428) "
                    + "ended early after 111 compressed bytes; lines before the cut were read"
            ]),
        Case(
            file: "garbage-after.jsonl.zst", lines: 100, records: 100,
            stderr: [
                "runlens: warning: {path}: ignored data after the last zstd frame, from byte 205: "
                    + "not a zstd frame"
            ]),
        Case(
            file: "zstd-bad-checksum.jsonl.zst", lines: 100, records: 100,
            stderr: [
                "runlens: warning: {path}: zstd frame at byte 0 failed its checksum; its lines "
                    + "were read but may be damaged"
            ]),
        Case(
            file: "fuzz-zstd-raw-block-shorter-than-frame.zst", status: 2,
            stderr: ["runlens: error: '{path}' is corrupt: zstd: data corruption detected"]),
        Case(
            file: "bad-crc.jsonl.gz", lines: 100, records: 100,
            stderr: [
                "runlens: warning: {path}: gzip member 1 (at byte 0) failed its CRC check; its "
                    + "lines were read but may be damaged"
            ]),
        Case(
            file: "truncated.jsonl.gz", lines: 177, records: 176, malformed: 1,
            samples: ["177: unexpected end of line (column 24)"],
            stderr: [
                "runlens: warning: {path}: truncated gzip stream: member 1 (at byte 0) ended "
                    + "early after 827 compressed bytes; lines before the cut were read",
                "runlens: warning: skipped {path}:177: unexpected end of line (column 24)",
            ]),
        Case(
            file: "cut-in-first-line.jsonl.gz", status: 2,
            stderr: [
                "runlens: warning: {path}: truncated gzip stream: member 1 (at byte 0) ended "
                    + "early after 2000 compressed bytes; no whole line came before the cut, only "
                    + "the start of the first (3139 bytes)",
                "runlens: warning: skipped {path}:1: unterminated string (column 21)",
                "runlens: error: no metric record could be read from '{path}' (1 line: "
                    + "1 malformed; first: {path}:1: unterminated string (column 21))",
            ]),
        Case(
            file: "cut-row.csv.gz", lines: 1760, records: 1758, metadata: 1, malformed: 1,
            samples: ["1760: row cut off where the compressed data ends early"],
            stderr: [
                "runlens: warning: {path}: truncated gzip stream: member 1 (at byte 0) ended "
                    + "early after 8664 compressed bytes; lines before the cut were read",
                "runlens: warning: skipped {path}:1760: row cut off where the compressed data "
                    + "ends early",
            ]),
        Case(
            file: "fuzz-analyze-sniff-depends-on-chunk-size.log", lines: 56, records: 55,
            metadata: 1),
    ]

    @Test(arguments: cases)
    func badInputGivesItsExpectedOutcome(_ expected: Case) throws {
        let path = BinaryRunner.fixture("bad/\(expected.file)")

        // What is read is under test here, not the verdict: detectors stay out of the code.
        let run = try ProcessProbe.runlens(["analyze", path, "--fail-on", "never", "-q"])

        Self.expectNoCrash(run)
        #expect(run.status == expected.status, "\(run.stderr)")
        #expect(
            run.stderrLines
                == expected.stderr.map { $0.replacingOccurrences(of: "{path}", with: path) })
        guard let lines = expected.lines else {
            #expect(run.output("summary.json").isEmpty)
            return
        }
        let counts = try run.accounting()
        #expect(counts["lines"] == lines)
        #expect(counts["records"] == expected.records)
        #expect(counts["metadata"] == expected.metadata)
        #expect(counts["empty"] == expected.empty)
        #expect(counts["malformed"] == expected.malformed)
        #expect(try Self.samples(run) == expected.samples)
    }

    /// Found by fuzzing: an nvidia-smi log whose mangled timestamp reads as 1.7e32 seconds
    /// made the memory-growth detector turn an overflowed window share into an Int, and
    /// crash.
    @Test func aMemoryLogWithAnAbsurdTimestampIsJudgedWithoutCrashing() throws {
        let run = try ProcessProbe.runlens([
            "analyze", BinaryRunner.fixture("bad/fuzz-analyze-memory-time-overflow.log"),
        ])

        Self.expectNoCrash(run)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try run.accounting()["records"] ?? 0 > 0)
    }

    /// Found by fuzzing: a damaged gzip log whose steps jump back and then to 3.6e77 made
    /// the loss-plateau detector's step buckets convert that step to an Int, and crash.
    @Test func aResumeToAHugeStepIsJudgedWithoutCrashing() throws {
        let path = BinaryRunner.fixture("bad/fuzz-analyze-resume-to-a-huge-step.jsonl.gz")

        let run = try ProcessProbe.runlens(["analyze", path, "--fail-on", "never"])

        Self.expectNoCrash(run)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderrLines == [
                "runlens: warning: \(path): corrupt gzip member 1 at byte 0: invalid distance too "
                    + "far back; reading stopped, lines before it were read",
                "runlens: warning: skipped \(path):20: unexpected end of line (column 23) "
                    + "(and 10 more malformed lines in this file; see the report)",
            ])
        #expect(try run.accounting()["records"] ?? 0 > 0)
    }

    /// Found by fuzzing: a request log whose first request has no time is laid out by
    /// request; a later time of -1e300 s was shown as a request number, and crashed.
    @Test func timesAfterAnUntimedFirstRequestAreNotShownAsRequestNumbers() throws {
        let run = try ProcessProbe.runlens([
            "analyze", BinaryRunner.fixture("bad/fuzz-analyze-untimed-then-huge-times.jsonl"),
        ])

        Self.expectNoCrash(run)
        #expect(run.status == 0, "\(run.stderr)")
        // Laid out by its one placeable time (09:00:00Z); the log has no status field.
        #expect(
            run.output("report.md").contains(
                "\n3 requests, outcomes not logged, from 2024-05-14T09:00:00Z to "
                    + "2024-05-14T09:00:00Z (0.00s).\n"))
    }

    /// A damaged input is still judged, but the verdict line and the report's first
    /// sentence say so.
    @Test func theVerdictSaysWhenAnInputWasDamaged() throws {
        let path = BinaryRunner.fixture("bad/bad-crc.jsonl.gz")

        let run = try ProcessProbe.runlens(["analyze", path, "--fail-on", "never"])

        #expect(run.stdout.hasPrefix("PASS: "))
        #expect(run.stdout.contains(" 1 input(s), 1 with warnings; report: "))
        #expect(
            run.output("report.md").contains(
                "records from 1 input (1 with warnings: see [Inputs](#inputs-and-line-accounting))"
            ))
    }

    @Test func numbersAreReadAsJSONReadersReadThem() throws {
        let run = try ProcessProbe.runlens([
            "analyze", BinaryRunner.fixture("bad/numbers.jsonl"), "--window-steps", "1",
        ])

        // Python's json.loads gives inf for 1e400, 0.0 for 1e-400 and -0; the strings are
        // read as numbers, leniently; lines 3 to 5 are not JSON.
        let windows = Self.windows(run, metric: "loss")
        #expect(
            windows.map { $0["window_start"] } == ["1", "2", "6", "7", "8", "9", "10", "11", "12"])
        #expect(windows.map { $0["nonfinite"] } == ["1", "0", "1", "0", "0", "0", "0", "1", "0"])
        #expect(windows.map { $0["mean"] } == ["", "0", "", "0", "1", "0.5", "1", "", "2.5"])
    }

    @Test func aKeyWrittenTwiceKeepsItsLastValue() throws {
        let run = try ProcessProbe.runlens([
            "analyze", BinaryRunner.fixture("bad/duplicate-keys.jsonl"), "--window-steps", "1",
        ])

        // As Python's json.loads: {"loss": 1, "loss": 10} is {"loss": 10}.
        #expect(Self.windows(run, metric: "loss").map { $0["mean"] } == ["10", "20", "30"])
        let gpu = Self.windows(run, metric: "gpu_util")
        #expect(gpu.map { $0["device"] } == ["0", "1", "2"])
        #expect(gpu.map { $0["mean"] } == ["30", "40", "50"])
    }

    @Test func keysThatDifferOnlyInCaseAreSeparateSeries() throws {
        let run = try ProcessProbe.runlens([
            "analyze", BinaryRunner.fixture("bad/case-keys.jsonl"),
        ])

        let metrics = try run.summary()["metrics"] as? [[String: Any]] ?? []
        let means = metrics.map {
            "\($0["name"] ?? ""): \(($0["stats"] as? [String: Any])?["mean"] ?? "")"
        }
        #expect(means == ["Loss: 2", "loss: 20", "LOSS: 200"])
        #expect(metrics.allSatisfy { $0["role"] as? String == "train_loss" })
    }

    @Test func invalidUTF8IsRepairedInNamesAndEveryOutputIsValidUTF8() throws {
        let run = try ProcessProbe.runlens([
            "analyze", BinaryRunner.fixture("bad/invalid-utf8.jsonl"),
        ])

        for name in ["report.md", "windows.csv", "ranks.csv", "incidents.csv", "summary.json"] {
            #expect(String(validating: run.outputBytes(name), as: UTF8.self) != nil, "\(name)")
        }
        let names = Set(
            CSVTestReader.records(run.output("windows.csv")).compactMap { $0["metric"] })
        #expect(names == ["loss", "lo\u{FFFD}ss", "\u{FFFD}("])
    }

    @Test func controlCharactersInNamesReachNeitherTheReportNorTheTerminal() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("x\u{1B}[2Jy.bin")
        try Self.copy("bad/binary-garbage.bin", to: garbage)
        let input = BinaryRunner.fixture("bad/control-characters.jsonl")

        let run = try ProcessProbe.runlens(["analyze", input, garbage.path])

        #expect(run.status == 2)
        #expect(
            run.stderrLines == [
                "runlens: error: '\(folder.path)/x\u{FFFD}[2Jy.bin': unsupported format: binary "
                    + "data, not a metric log",
                Self.judgedNothing,
            ])
        let report = run.output("report.md")
        #expect(!report.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        for name in ["`e\u{FFFD}f`", "`\u{FFFD}[31mred`", "`c d`", "`a\\|b`"] {
            #expect(report.contains("| \(name) |"), "\(name)")
        }
        let names = try (run.summary()["metrics"] as? [[String: Any]] ?? []).map {
            $0["name"] as? String
        }
        #expect(names == ["e\u{0}f", "\u{1B}[31mred", "c\nd", "a|b"])
    }

    /// `runlens analyze .` run twice wrote its report into the folder it read, then read the
    /// report's CSVs and summary.json back as logs: the second run counted every value again.
    @Test func aReportInTheFolderAnalyzedIsNotReadBackAsALog() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.copy("bad/case-keys.jsonl", to: folder.appendingPathComponent("run.jsonl"))
        let report = folder.appendingPathComponent("runlens-report").path

        let first = try ProcessProbe.runlens(
            ["analyze", folder.path, "-o", report], addOutput: false)
        let windows = try String(contentsOfFile: report + "/windows.csv", encoding: .utf8)
        let second = try ProcessProbe.runlens(
            ["analyze", folder.path, "-o", report], addOutput: false)

        #expect(first.status == 0 && second.status == 0)
        #expect(try String(contentsOfFile: report + "/windows.csv", encoding: .utf8) == windows)
        let markdown = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
        #expect(
            markdown.contains("- skipped `\(report)`: what runlens wrote in this report folder: "))
        #expect(markdown.contains("3 records from 1 input."))
    }

    /// A report's own `summary.json` given back as the input: refused, and the failure leaves
    /// the report it came from (it used to clear the folder, the input with it).
    @Test func aReportsSummaryGivenBackLeavesTheReport() throws {
        let run = try ProcessProbe.shellAfterAReport(
            "\"$RUNLENS\" analyze runlens-report/summary.json; echo \"exit $?\"; "
                + "ls runlens-report")
        defer { try? FileManager.default.removeItem(at: run.directory) }

        #expect(run.stdout.contains("exit 2\n"))
        #expect(run.stdout.contains("\nreport.md\n") && run.stdout.contains("\nsummary.json\n"))
        #expect(
            run.stderr.contains(
                "left the report in 'runlens-report' as it was: the input "
                    + "'runlens-report/summary.json' is one of its files"))
        #expect(!run.stderr.contains("removed the earlier report"))
        #expect(!run.stderr.contains("choose another -o"))
    }

    /// The same with a readable log beside it: the analysis runs, and is not written over the
    /// report its input came from.
    @Test func aReportsSummaryBesideALogIsNotWrittenOver() throws {
        let run = try ProcessProbe.shellAfterAReport(
            "cp runlens-report/summary.json kept.json && "
                + "\"$RUNLENS\" analyze runlens-report/summary.json train.jsonl; echo \"exit $?\"; "
                + "cmp runlens-report/summary.json kept.json && echo same")
        defer { try? FileManager.default.removeItem(at: run.directory) }

        #expect(run.stdout.contains("exit 2\nsame\n"))
        #expect(run.stderr.contains("it is an input and would be written over"))
    }

    /// The report folder given back as the input, or a copy of its summary kept in it: the
    /// failure leaves the report (it used to remove it).
    @Test(arguments: ["runlens-report", "runlens-report/summary.json.gz"])
    func aReportFolderGivenBackKeepsItsReport(input: String) throws {
        let run = try ProcessProbe.shellAfterAReport(
            "gzip -k runlens-report/summary.json && "
                + "\"$RUNLENS\" analyze \(input) -o runlens-report; echo \"exit $?\"; "
                + "ls runlens-report")
        defer { try? FileManager.default.removeItem(at: run.directory) }

        #expect(run.stdout.contains("exit 2\n"))
        #expect(run.stdout.contains("\nreport.md\n") && run.stdout.contains("\nwindows.csv\n"))
        #expect(
            run.stderr.contains(
                "left the report in 'runlens-report' as it was: the input '\(input)' lies in it"))
    }

    /// A report's summary piped in (`runlens analyze - < runlens-report/summary.json`) is
    /// refused; the failure leaves the report, whose summary it may be, instead of removing it.
    @Test func aSummaryOnStandardInputKeepsTheReport() throws {
        let run = try ProcessProbe.shellAfterAReport(
            "cp runlens-report/summary.json kept.json && "
                + "\"$RUNLENS\" analyze - < runlens-report/summary.json; echo \"exit $?\"; "
                + "cmp runlens-report/summary.json kept.json && ls runlens-report")
        defer { try? FileManager.default.removeItem(at: run.directory) }

        #expect(run.stdout.contains("exit 2\n"))
        #expect(run.stdout.contains("\nreport.md\n") && run.stdout.contains("\nwindows.csv\n"))
        #expect(
            run.stderr.contains(
                "left the report in 'runlens-report' as it was: standard input is a runlens "
                    + "summary"))
        #expect(run.stderr.contains("'-': unsupported format: a runlens summary.json"))
    }

    /// The same beside a readable log: the analysis does not write over the report the
    /// summary may be; into a folder that holds no report, the failure is written as usual.
    @Test func aSummaryOnStandardInputBesideALogKeepsTheReport() throws {
        let run = try ProcessProbe.shellAfterAReport(
            "cp runlens-report/summary.json kept.json && "
                + "\"$RUNLENS\" analyze - train.jsonl < kept.json; echo \"exit $?\"; "
                + "cmp runlens-report/summary.json kept.json && echo same; "
                + "\"$RUNLENS\" analyze - -o elsewhere < kept.json; echo \"exit $?\"; ls elsewhere")
        defer { try? FileManager.default.removeItem(at: run.directory) }

        #expect(run.stdout == "exit 2\nsame\nexit 2\njunit.xml\n")
        #expect(
            run.stderr.contains(
                "'-': standard input is a runlens summary, perhaps the report's own in "
                    + "'runlens-report', which is not written over; choose another -o"))
        #expect(!run.stderr.contains("left the report in 'elsewhere'"))
    }

    /// `runlens analyze . -o .` run twice: the second run skipped the folder whole as a report
    /// folder, so it found no log, failed, and removed the first run's report.
    @Test func aLogBesideItsReportIsReadAgain() throws {
        let log = "{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 2.25}\n"
        let run = try ProcessProbe.shell(
            "printf '\(log)' > train.jsonl && \"$RUNLENS\" analyze . -o . >/dev/null 2>&1 && "
                + "\"$RUNLENS\" analyze . -o . && ls")
        defer { try? FileManager.default.removeItem(at: run.directory) }

        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.hasPrefix("PASS: no incidents — 2 records, 0 malformed, 1 input(s)"))
        #expect(run.stdout.contains("\nreport.md\n") && run.stdout.contains("\ntrain.jsonl\n"))
        let markdown = try String(
            contentsOf: run.directory.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("- skipped `.`: what runlens wrote in this report folder: "))
    }

    /// `train.jsonl` beside `train.jsonl.gz` holding the same lines was read twice: 12,000
    /// records instead of 6,000, with only a warning that the steps overlap.
    @Test func aLogBesideItsCompressedCopyIsReadOnce() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for suffix in ["", ".gz", ".zst"] {
            try Self.copy(
                "input/metrics.jsonl\(suffix)",
                to: folder.appendingPathComponent("train.jsonl\(suffix)"))
        }

        let run = try ProcessProbe.runlens(["analyze", folder.path])

        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(
            run.stdout.hasPrefix("PASS: no incidents — 6000 records, 0 malformed, 1 input(s)"))
        let markdown = run.output("report.md")
        for suffix in [".gz", ".zst"] {
            #expect(
                markdown.contains(
                    "- skipped `\(folder.path)/train.jsonl\(suffix)`: the same log as "
                        + "'\(folder.path)/train.jsonl'\n"))
        }
    }

    @Test func binaryGarbageInAFolderIsSkippedAndListed() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.copy("bad/binary-garbage.bin", to: folder.appendingPathComponent("core.bin"))
        try Self.copy("bad/case-keys.jsonl", to: folder.appendingPathComponent("run.jsonl"))

        let run = try ProcessProbe.runlens(["analyze", folder.path])

        Self.expectNoCrash(run)
        #expect(run.status == 0)
        #expect(
            run.output("report.md").contains(
                "- skipped `\(folder.path)/core.bin`: binary data, not a metric log"))
    }

    /// A rank's log that cannot be read fails the run even when found in a folder: passing
    /// over it would pass a run with a rank unseen. Its name says it is a log.
    @Test(arguments: ["rank1.jsonl", "rank1.json.zst", "rank1.csv"])
    func aLogNamedAsOneThatIsBinaryInAFolderFailsTheRun(name: String) throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.copy("bad/binary-garbage.bin", to: folder.appendingPathComponent(name))
        try Self.copy("bad/case-keys.jsonl", to: folder.appendingPathComponent("rank0.jsonl"))

        let run = try ProcessProbe.runlens(["analyze", folder.path])

        Self.expectNoCrash(run)
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: '\(folder.path)/\(name)': unsupported format: binary data, "
                + "not a metric log\n")
    }

    @Test func aLineOf200MegabytesIsSkippedWithoutBeingHeld() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.jsonl").path
        let opening = "{\"step\": 2, \"pad\": \""
        let head = "{\"step\": 1, \"loss\": 1}\n" + opening
        let padding = 200 << 20
        let tail = "\"}\n{\"step\": 3, \"loss\": 3}\n"
        try Self.writeFile(path, head: head, filler: Array("x".utf8), count: padding, tail: tail)

        let run = try ProcessProbe.runlens(["analyze", path])

        Self.expectNoCrash(run)
        #expect(run.status == 0)
        #expect(
            try run.accounting() == [
                "lines": 3, "records": 2, "metadata": 0, "empty": 0, "malformed": 1,
            ])
        let length = opening.utf8.count + padding + 2
        #expect(
            try Self.samples(run) == [
                "2: line of \(length) bytes exceeds the 67108864-byte limit (--max-line-bytes)"
            ])
        // About 1.5 times the 64 MiB cap while the line grows towards it, plus the program.
        #expect(run.peakKiB < 160 << 10, "peak \(run.peakKiB) KiB")
    }

    @Test func anEndlessArrayIsBoundedByTheLineCap() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("endless.jsonl").path
        let opening = "{\"step\": 2, \"gpu_util\": ["
        let count = 4 << 20
        try Self.writeFile(
            path, head: "{\"step\": 1, \"loss\": 1}\n" + opening, filler: Array("1,".utf8),
            count: count, tail: "\n{\"step\": 3, \"loss\": 3}\n")

        let run = try ProcessProbe.runlens(["analyze", path])

        // 4 Mi elements in 8 MiB, under the 64 MiB cap: scanned, and the line ends inside
        // the array, just after the last comma.
        Self.expectNoCrash(run)
        #expect(run.status == 0)
        #expect(try run.accounting()["malformed"] == 1)
        let column = opening.utf8.count + 2 * count + 1
        #expect(try Self.samples(run) == ["2: unexpected end of line (column \(column))"])
        #expect(run.peakKiB < 120 << 10, "peak \(run.peakKiB) KiB")
    }

    /// Ray Tune writes a column per setting: a header of 42 names, 40 of them of 1,999 or
    /// 2,000 bytes, is 80,040 bytes, longer than the sniffer's 64 KiB head, and must still be
    /// read as CSV, whatever the chunk size.
    @Test(arguments: ["1048576", "4096"])
    func aCSVHeaderLongerThanTheHeadIsReadAsCSV(chunkSize: String) throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("progress").path
        let settings = (1...40).map { "config/\($0)_" + String(repeating: "p", count: 1990) }
        let header = (["step", "loss"] + settings).joined(separator: ",")
        let rows = (1...3).map { step in
            ([String(step), "2.5"] + [String](repeating: "7", count: 40)).joined(separator: ",")
        }
        try Data(([header] + rows).map { $0 + "\n" }.joined().utf8)
            .write(to: URL(fileURLWithPath: path))

        let run = try ProcessProbe.runlens([
            "analyze", path, "--fail-on", "never", "-q", "--chunk-size", chunkSize,
        ])

        Self.expectNoCrash(run)
        #expect(run.status == 0, "\(run.stderr)")
        let counts = try run.accounting()
        #expect(counts["lines"] == 4)
        #expect(counts["metadata"] == 1)
        #expect(counts["records"] == 3)
    }

    @Test func aJSONDocumentLargerThanItsCapIsRefused() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("endless.json").path
        let records = (1...2000).map { "  {\"step\": \($0), \"loss\": 1.5},\n" }.joined()
        try Data(("[\n" + records).utf8).write(to: URL(fileURLWithPath: path))

        let run = try ProcessProbe.runlens(["analyze", path, "--max-document-bytes", "10000"])

        Self.expectNoCrash(run)
        #expect(run.status == 2)
        #expect(
            run.stderrLines == [
                "runlens: error: '\(path)': unsupported format: a single JSON document larger "
                    + "than 10000 bytes (--max-document-bytes)"
            ])
    }

    @Test func aFileThatGrowsWhileReadIsReadUpToItsSizeWhenOpened() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("growing.jsonl").path
        let start = (1...20_000).map { "{\"step\": \($0), \"loss\": \($0 % 97)}\n" }.joined()
        try Data(start.utf8).write(to: URL(fileURLWithPath: path))

        let writer = Appender(path: path)
        writer.start()
        let run = try ProcessProbe.runlens(["analyze", path, "--fail-on", "never"], timeout: 60)
        writer.stop()

        Self.expectNoCrash(run)
        #expect(run.status == 0)
        let counts = try run.accounting()
        #expect((counts["records"] ?? 0) >= 20_000)
        #expect((counts["malformed"] ?? 0) <= 1)
        #expect(counts["lines"] == (counts["records"] ?? 0) + (counts["malformed"] ?? 0))
        #expect(writer.appended > 0)
    }

    @Test func aSymbolicLinkLoopIsWalkedOnce() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run")
        try FileManager.default.createDirectory(
            at: run.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Self.copy("bad/case-keys.jsonl", to: run.appendingPathComponent("log.jsonl"))
        try FileManager.default.createSymbolicLink(
            atPath: run.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(
            atPath: run.appendingPathComponent("self").path, withDestinationPath: "self")

        let outcome = try ProcessProbe.runlens(["analyze", run.path], timeout: 30)

        Self.expectNoCrash(outcome)
        #expect(outcome.status == 0)
        #expect(try outcome.accounting()["lines"] == 3)
        let report = outcome.output("report.md")
        #expect(report.contains("- skipped `\(run.path)/self`: symbolic link loop\n"))
        #expect(
            report.contains(
                "- skipped `\(run.path)/sub/up`: symbolic link loop back to '\(run.path)'\n"))
    }

    /// Root reads files whatever their permissions, so the unreadable file is one whose
    /// reads fail for everyone: `/proc/self/mem` gives EIO at offset 0.
    @Test func anUnreadableFileAmongReadableOnesFailsTheRunButTheOthersAreRead() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.copy("bad/case-keys.jsonl", to: folder.appendingPathComponent("a.jsonl"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("b.jsonl").path,
            withDestinationPath: "/proc/self/mem")
        let missing = folder.appendingPathComponent("missing.jsonl").path

        let run = try ProcessProbe.runlens(["analyze", folder.path, missing])

        Self.expectNoCrash(run)
        #expect(run.status == 2)
        #expect(
            run.stderrLines == [
                "runlens: error: cannot read '\(missing)': no such file or directory",
                "runlens: error: cannot read '\(folder.path)/b.jsonl': input/output error",
            ])
        #expect(try run.accounting()["records"] == 3)
        let errors = try run.summary()["inputErrors"] as? [String]
        #expect(errors?.count == 2)
    }

    @Test func anOutputFolderThatCannotBeWrittenIsAnError() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("taken").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let input = BinaryRunner.fixture("bad/case-keys.jsonl")

        let onFile = try ProcessProbe.runlens(["analyze", input, "-o", file], addOutput: false)
        let below = try ProcessProbe.runlens(
            ["analyze", input, "-o", file + "/report"], addOutput: false)

        #expect(onFile.status == 2)
        #expect(
            onFile.stderrLines == [
                "runlens: error: cannot write '\(file)': it exists and is not a folder"
            ])
        #expect(below.status == 2)
        #expect(
            below.stderrLines == [
                "runlens: error: cannot write '\(file)/report': '\(file)' exists and is not "
                    + "a folder"
            ])
    }

    @Test(arguments: ["head -1", "head -c 1", "true"])
    func closedStandardOutputNeitherHangsNorChangesTheExitCode(reader: String) throws {
        let input = BinaryRunner.fixture("bad/case-keys.jsonl")
        let run = try ProcessProbe.shell(
            "\"$RUNLENS\" analyze '\(input)' -o report | \(reader); exit ${PIPESTATUS[0]}",
            timeout: 60)

        Self.expectNoCrash(run)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(!run.output("summary.json").isEmpty)
    }

    @Test func tooManyDistinctKeysAreCappedWithAWarning() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("keys.jsonl").path
        let text = (1...300).map { "{\"step\": \($0), \"loss\": 1, \"key_\($0)\": 2}\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let run = try ProcessProbe.runlens(["analyze", path, "--max-fields", "100"])

        // step, loss and key_1 ... key_98 fill the table; key_99 ... key_300 are dropped.
        #expect(run.status == 0)
        #expect(
            run.stderrLines == [
                "runlens: warning: more than 100 distinct field names: 202 values of later new "
                    + "names were dropped (raise --max-fields to keep them)"
            ])
        #expect(try run.summary()["fieldsDropped"] as? Int == 202)
        #expect(try run.accounting()["records"] == 300)
    }

    @Test func tooManySeriesAreCappedWithAWarning() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ranks.jsonl").path
        let text = (0..<500).map {
            "{\"step\": 1, \"rank\": \($0), \"loss\": 1, \"grad_norm\": 2, \"x\": 3}\n"
        }
        try Data(text.joined().utf8).write(to: URL(fileURLWithPath: path))

        let run = try ProcessProbe.runlens(["analyze", path, "--max-series", "60"])

        // Ranks 0 to 19 make 60 series. Past the cap, loss and grad_norm, which detectors
        // read, keep 256 ranks more each (ranks 20 to 275) and drop their values on the 224
        // ranks after; x, which none reads, drops its values on the 480 ranks past 19.
        #expect(run.status == 0)
        #expect(
            run.stderrLines == [
                "runlens: warning: more than 60 series (metric x rank x device): 928 values of "
                    + "later new series were dropped (raise --max-series to keep them)",
                "runlens: warning: series past the --max-series limit were kept for metrics "
                    + "detectors need: 'loss', 'grad_norm'",
            ])
        #expect(try run.summary()["seriesDropped"] as? Int == 928)
        #expect((try run.summary()["metrics"] as? [Any])?.count == 572)
        #expect(try run.accounting()["records"] == 500)
    }

    // MARK: - Helpers

    /// No crash report, no hang, and standard error holds only runlens's own one-line
    /// messages.
    static func expectNoCrash(_ run: ProcessProbe.Outcome) {
        #expect(!run.timedOut, "killed after the timeout")
        #expect([0, 1, 2].contains(run.status), "status \(run.status): \(run.stderr)")
        for line in run.stderrLines {
            #expect(
                line.hasPrefix("runlens: error: ") || line.hasPrefix("runlens: warning: "),
                "\(line)")
        }
        guard let summary = try? run.summary(), let counts = summary["accounting"] as? [String: Int]
        else { return }
        let parts = ["records", "metadata", "empty", "malformed"].map { counts[$0] ?? -1 }
        #expect(counts["lines"] == parts.reduce(0, +), "accounting \(counts)")
    }

    static func samples(_ run: ProcessProbe.Outcome) throws -> [String] {
        let inputs = try run.summary()["inputs"] as? [[String: Any]] ?? []
        return inputs.flatMap { $0["malformedSamples"] as? [[String: Any]] ?? [] }.map {
            "\($0["line"] ?? ""): \($0["reason"] ?? "")"
        }
    }

    static func windows(_ run: ProcessProbe.Outcome, metric: String) -> [[String: String]] {
        CSVTestReader.records(run.output("windows.csv")).filter { $0["metric"] == metric }
    }

    static func copy(_ fixture: String, to destination: URL) throws {
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: BinaryRunner.fixture(fixture)), to: destination)
    }

    /// Writes `head`, `count` copies of `filler` and `tail` without holding them all.
    static func writeFile(
        _ path: String, head: String, filler: [UInt8], count: Int, tail: String
    ) throws {
        try Data(head.utf8).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        let perBlock = max(1, (1 << 20) / filler.count)
        let block = Data(Array([[UInt8]](repeating: filler, count: perBlock).joined()))
        for _ in 0..<(count / perBlock) { try handle.write(contentsOf: block) }
        let rest = [[UInt8]](repeating: filler, count: count % perBlock).joined()
        try handle.write(contentsOf: Data(Array(rest)))
        try handle.write(contentsOf: Data(tail.utf8))
    }
}

/// Appends whole lines to a file from another thread, as fast as it can, until stopped.
final class Appender: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var running = false
    private var count = 0
    private var thread: Thread?

    init(path: String) {
        self.path = path
    }

    /// Lines appended so far.
    var appended: Int { lock.withLock { count } }

    func start() {
        lock.withLock { running = true }
        let thread = Thread { [self] in self.loop() }
        self.thread = thread
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
        while lock.withLock({ thread != nil }) { usleep(1_000) }
    }

    private func loop() {
        let descriptor = open(path, O_WRONLY | O_APPEND)
        var step = 1_000_000
        while lock.withLock({ running }) {
            let line = Array("{\"step\": \(step), \"loss\": 1}\n".utf8)
            _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            step += 1
            lock.withLock { count += 1 }
        }
        close(descriptor)
        lock.withLock { thread = nil }
    }
}
