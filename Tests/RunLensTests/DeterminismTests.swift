import Foundation
import Testing

/// The same input gives byte-identical outputs on every run and with any chunk size, and
/// no value or line is lost: checked on the fixtures and on random valid logs.
struct DeterminismTests {
    static let outputs = ["report.md", "windows.csv", "ranks.csv", "incidents.csv", "summary.json"]

    @Test(arguments: ["cases", "corpus", "bad", "input", "json-documents"])
    func outputsAreByteIdenticalOnEveryRunAndWithAnyChunkSize(folder: String) throws {
        let input = BinaryRunner.fixture(folder)

        let first = try ProcessProbe.runlens(["analyze", input, "-q"])
        let runs = try [[], ["--chunk-size", "7"], ["--chunk-size", "65537"]].map {
            try ProcessProbe.runlens(["analyze", input, "-q"] + $0)
        }

        // fixtures/bad holds inputs that are errors (exit 2); the others are still reported.
        for run in runs {
            #expect(run.status == first.status)
            #expect(run.stderr == first.stderr)
        }
        for name in Self.outputs {
            #expect(!first.outputBytes(name).isEmpty, "\(name)")
            for run in runs {
                #expect(run.outputBytes(name) == first.outputBytes(name), "\(name)")
            }
        }
        #expect(
            runs.allSatisfy {
                $0.stdout
                    == first.stdout.replacingOccurrences(
                        of: first.directory.path, with: $0.directory.path)
            })
    }

    @Test(arguments: 0..<24)
    func randomJSONLinesLoseNoLineAndNoValue(seed: UInt64) throws {
        try checkRoundTrip(
            RandomLog(seed: seed, format: .jsonLines, size: 60 + Int(seed) * 13), name: "log.jsonl",
            seed: seed)
    }

    @Test(arguments: 100..<112)
    func randomCSVLogsLoseNoLineAndNoValue(seed: UInt64) throws {
        try checkRoundTrip(
            RandomLog(seed: seed, format: .csv, size: 40 + Int(seed % 100) * 17), name: "log.csv",
            seed: seed)
    }

    /// Runs the log with one-step windows: each window holds one value, so its mean, min,
    /// max and median must read back as exactly the value written; and the accounting must
    /// match the lines written, with any chunk size.
    private func checkRoundTrip(_ log: RandomLog, name: String, seed: UInt64) throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(log.text.utf8).write(to: URL(fileURLWithPath: path))
        let chunk = String(4 + Int(seed * 7919 % 500))

        // Random values may well look like a divergence; the verdict is not what is tested.
        let quiet = ["--window-steps", "1", "--fail-on", "never", "-q"]
        let run = try ProcessProbe.runlens(["analyze", path] + quiet)
        let cut = try ProcessProbe.runlens(["analyze", path, "--chunk-size", chunk] + quiet)

        #expect(run.status == 0, "\(run.stderr)")
        let counts = try run.accounting()
        #expect(counts["lines"] == log.lines)
        #expect(counts["records"] == log.records)
        #expect(counts["metadata"] == log.metadata)
        #expect(counts["empty"] == log.empty)
        #expect(counts["malformed"] == log.malformed)
        for output in DeterminismTests.outputs {
            #expect(cut.outputBytes(output) == run.outputBytes(output), "\(output), chunk \(chunk)")
        }

        var windows: [String: [String: String]] = [:]
        for row in CSVTestReader.records(run.output("windows.csv")) {
            windows["\(row["metric"] ?? "")@\(row["window_start"] ?? "")"] = row
        }
        #expect(windows.count == log.values.count)
        for value in log.values {
            let row = windows["\(value.metric)@\(value.step)"] ?? [:]
            if value.value.isFinite {
                #expect(row["count"] == "1", "\(value.text) at step \(value.step)")
                for column in ["mean", "min", "max", "p50"] {
                    #expect(
                        row[column].flatMap { Double($0) } == value.value,
                        "\(column) of \(value.text)")
                }
            } else {
                #expect(row["count"] == "0", "\(value.text) at step \(value.step)")
                #expect(row["nonfinite"] == "1", "\(value.text) at step \(value.step)")
            }
        }
    }
}
