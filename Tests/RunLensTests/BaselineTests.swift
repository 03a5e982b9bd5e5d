import Foundation
import Testing

/// `--baseline`: this run against an earlier run's summary, run as a user would. Every
/// expected figure comes from the logs built here (by hand, or with python3 where noted).
struct BaselineTests {
    private static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func write(_ lines: [String], _ name: String, in directory: URL) throws
        -> String
    {
        let url = directory.appendingPathComponent(name)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// 100 steps whose loss falls to `finalLoss` (its lowest), constant throughput and step
    /// time, and evaluations at steps 50 and 100.
    private static func training(
        finalLoss: Double, tokens: Double, stepTime: Double, val: (Double, Double), mmlu: Double
    ) -> [String] {
        var lines = (1...100).map { step in
            "{\"step\": \(step), \"loss\": \(finalLoss + Double(100 - step) / 100), "
                + "\"tokens_per_second\": \(tokens), \"step_time\": \(stepTime)}"
        }
        lines.insert("{\"step\": 50, \"val_loss\": \(val.0)}", at: 50)
        lines.append("{\"step\": 100, \"val_loss\": \(val.1), \"eval/mmlu\": \(mmlu)}")
        return lines
    }

    /// 100 requests one second apart: latency `scale` × i ms and TTFT i ms for request i;
    /// the `failed` ones have status 500 and no timings.
    private static func serving(scale: Int, failed: Set<Int>) -> [String] {
        (1...100).map { index in
            let second = index - 1
            let time = String(format: "2024-05-14T09:%02d:%02dZ", second / 60, second % 60)
            if failed.contains(index) { return "{\"timestamp\": \"\(time)\", \"status\": 500}" }
            return "{\"timestamp\": \"\(time)\", \"latency_ms\": \(scale * index), "
                + "\"ttft_ms\": \(index), \"status\": 200}"
        }
    }

    private static func tableRows(_ report: String) -> [String] {
        guard let start = report.range(of: "## Compared with baseline") else { return [] }
        let rest = report[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return rest[..<end].components(separatedBy: "\n").filter {
            $0.hasPrefix("| ") && !$0.hasPrefix("| metric") && !$0.hasPrefix("| ---")
        }
    }

    @Test func aSlowerTrainingRunWithAHigherLossRegresses() throws {
        let directory = try Self.folder()
        let before = try Self.write(
            Self.training(
                finalLoss: 2.0, tokens: 1000, stepTime: 0.5, val: (2.6, 2.5), mmlu: 0.80),
            "before.jsonl", in: directory)
        let after = try Self.write(
            Self.training(
                finalLoss: 2.2, tokens: 850, stepTime: 0.6, val: (2.55, 2.6), mmlu: 0.78),
            "after.jsonl", in: directory)

        let first = try BinaryRunner.run(["analyze", before])
        #expect(first.status == 0, "\(first.stderr)")
        let baseline = first.directory.appendingPathComponent("report").path
        let second = try BinaryRunner.run([
            "analyze", after, "--baseline", baseline, "--fail-on", "warning",
        ])

        // Loss 2.2 vs 2.0: +10% > 5%; throughput 850 vs 1000: -15% beyond 10%; val 2.6 vs
        // 2.5: +4%, within 5%; best val 2.55 vs 2.5: +2%; step time 0.6 vs 0.5: +20%, no
        // rule by default; mmlu 0.78 vs 0.80: -2.5%, no rule by default.
        #expect(second.status == 1, "\(second.stderr)")
        #expect(
            Self.tableRows(second.output("report.md")) == [
                "| final train loss `loss` | 2 | 2.2 | 10.0% higher, worse | **regression** "
                    + "(warning; limit 5%) |",
                "| best train loss `loss` | 2 | 2.2 | 10.0% higher, worse | ok (rule off) |",
                "| final eval loss `val_loss` | 2.5 | 2.6 | 4.0% higher, worse | ok (limit 5%) |",
                "| best eval loss `val_loss` | 2.5 | 2.55 | 2.0% higher, worse | ok (rule off) |",
                "| throughput `tokens_per_second` | 1000 | 850 | 15.0% lower, worse | "
                    + "**regression** (warning; limit 10%) |",
                "| step time, mean (s) `step_time` | 0.5 s | 0.6 s | 20.0% higher, worse | "
                    + "ok (rule off) |",
                "| step time, p95 (s) `step_time` | 0.5 s | 0.6 s | 20.0% higher, worse | "
                    + "ok (rule off) |",
                "| eval score `eval/mmlu` | 0.8 | 0.78 | 2.5% lower, worse | ok (rule off) |",
            ])
        let rows = CSVTestReader.records(second.output("incidents.csv"))
            .filter { $0["detector"] == "baseline_regression" }
        #expect(rows.map { $0["metric"] } == ["loss", "tokens_per_second"])
        #expect(rows.map { $0["severity"] } == ["warning", "warning"])
        #expect(rows.map { $0["peak"] } == ["2.2", "850"])
        #expect(rows.map { $0["threshold"] } == ["2.1", "900"])
        #expect(
            rows.first?["message"]
                == "final train loss 2.2 is 10.0% higher than the baseline's 2 "
                + "(worse by more than 5%)")
        #expect(second.output("junit.xml").contains("name=\"baseline_regression\""))
        #expect(
            !CSVTestReader.records(second.output("incidents.csv")).contains {
                $0["detector"] == "quality_regression"
            })
    }

    @Test func theSummaryHoldsTheComparison() throws {
        let directory = try Self.folder()
        let before = try Self.write(
            Self.training(finalLoss: 2.0, tokens: 1000, stepTime: 0.5, val: (2.6, 2.5), mmlu: 0.8),
            "before.jsonl", in: directory)
        let after = try Self.write(
            Self.training(finalLoss: 1.9, tokens: 1100, stepTime: 0.5, val: (2.6, 2.5), mmlu: 0.8),
            "after.jsonl", in: directory)
        let first = try BinaryRunner.run(["analyze", before])
        let summaryPath = first.directory.appendingPathComponent("report/summary.json").path
        let second = try BinaryRunner.run(["analyze", after, "--baseline", summaryPath])

        #expect(second.status == 0, "\(second.stderr)")
        let block = try #require(try second.summary()["baseline"] as? [String: Any])
        #expect(block["source"] as? String == summaryPath)
        #expect(block["kind"] as? String == "training")
        let rows = try #require(block["rows"] as? [[String: Any]])
        let loss = try #require(rows.first { $0["quantity"] as? String == "final_train_loss" })
        #expect(loss["baseline"] as? Double == 2 && loss["value"] as? Double == 1.9)
        #expect(loss["verdict"] as? String == "better")
        let rate = try #require(rows.first { $0["quantity"] as? String == "throughput" })
        #expect(rate["verdict"] as? String == "better")
        let step = try #require(rows.first { $0["quantity"] as? String == "step_time_mean" })
        #expect(step["verdict"] as? String == "unchanged")
        #expect(step["changePercent"] as? Double == 0)
        #expect(!second.output("incidents.csv").contains("baseline_regression"))
        #expect(!first.output("summary.json").contains("\"baseline\""))
        #expect(!first.output("junit.xml").contains("baseline_regression"))
    }

    @Test func slowerRequestsAndMoreErrorsRegress() throws {
        let directory = try Self.folder()
        let before = try Self.write(
            Self.serving(scale: 10, failed: [50]), "before.jsonl", in: directory)
        let after = try Self.write(
            Self.serving(scale: 13, failed: [30, 60, 90]), "after.jsonl", in: directory)
        let first = try BinaryRunner.run(["analyze", before])
        let baseline = first.directory.appendingPathComponent("report").path
        let second = try BinaryRunner.run(["analyze", after, "--baseline", baseline])

        // Percentiles of the successful requests by linear interpolation at q·(n − 1),
        // computed with python3: latency p50 510 → 650, p95 951 → 1237.6, p99 990.2 →
        // 1287.52; TTFT p50 51 → 50, p95 95.1 → 95.2, p99 99.02 → 99.04. Errors 1% → 3%.
        // Both runs: 100 requests over 99 s.
        #expect(
            Self.tableRows(second.output("report.md")) == [
                "| throughput `requests_per_second` | 1.01 | 1.01 | unchanged | ok |",
                "| latency p50 (ms) | 510 ms | 650 ms | 27.5% higher, worse | ok (rule off) |",
                "| latency p95 (ms) | 951 ms | 1237.6 ms | 30.1% higher, worse | ok (rule off) |",
                "| latency p99 (ms) | 990.2 ms | 1287.5 ms | 30.0% higher, worse | **regression** "
                    + "(warning; limit 20%) |",
                "| TTFT p50 (ms) | 51 ms | 50 ms | 2.0% lower, better | ok |",
                "| TTFT p95 (ms) | 95.1 ms | 95.2 ms | 0.1% higher, worse | ok (rule off) |",
                "| TTFT p99 (ms) | 99.02 ms | 99.04 ms | unchanged | ok |",
                "| error rate (%) | 1% | 3% | 200.0% higher (+2.00 pt), worse | **regression** "
                    + "(warning; limit 50% and 0.1 point) |",
            ])
        let rows = CSVTestReader.records(second.output("incidents.csv"))
            .filter { $0["detector"] == "baseline_regression" }
        #expect(Set(rows.compactMap { $0["metric"] }) == ["latency_p99", "error_rate"])
        let errors = try #require(rows.first { $0["metric"] == "error_rate" })
        #expect(
            errors["message"]
                == "error rate 3% is 200.0% higher than the baseline's 1% "
                + "(worse by more than 50% and 0.1 point)")
        #expect(errors["threshold"] == "1.5")
        #expect(rows.first { $0["metric"] == "latency_p99" }?["threshold"] == "1188.24")
    }

    @Test func aServingBaselineForATrainingRunComparesNothing() throws {
        let directory = try Self.folder()
        let requests = try Self.write(
            Self.serving(scale: 10, failed: []), "requests.jsonl", in: directory)
        let training = try Self.write(
            Self.training(finalLoss: 2, tokens: 1000, stepTime: 0.5, val: (2.6, 2.5), mmlu: 0.8),
            "train.jsonl", in: directory)
        let first = try BinaryRunner.run(["analyze", requests])
        let baseline = first.directory.appendingPathComponent("report").path
        let second = try BinaryRunner.run(["analyze", training, "--baseline", baseline])

        #expect(second.status == 0, "\(second.stderr)")
        let report = second.output("report.md")
        #expect(
            report.contains(
                "\n- The baseline is a serving run and this is a training run: nothing compared.\n"
            ))
        #expect(Self.tableRows(report).isEmpty)
        #expect(!second.output("incidents.csv").contains("baseline_regression"))
    }

    @Test func theConfigTurnsRulesOffAndOn() throws {
        let directory = try Self.folder()
        let before = try Self.write(
            Self.training(finalLoss: 2.0, tokens: 1000, stepTime: 0.5, val: (2.6, 2.5), mmlu: 0.8),
            "before.jsonl", in: directory)
        let after = try Self.write(
            Self.training(finalLoss: 2.2, tokens: 850, stepTime: 0.6, val: (2.6, 2.5), mmlu: 0.8),
            "after.jsonl", in: directory)
        let config = try Self.write(
            [
                #"{"baseline": {"throughput": {"enabled": false},"#,
                #" "step_time_mean": {"enabled": true, "severity": "error","#,
                #" "max_worse_percent": 15}}}"#,
            ], "runlens.json", in: directory)
        let off = try Self.write([#"{"baseline": {"enabled": false}}"#], "off.json", in: directory)
        let first = try BinaryRunner.run(["analyze", before])
        let baseline = first.directory.appendingPathComponent("report").path

        let tuned = try BinaryRunner.run([
            "analyze", after, "--baseline", baseline, "--config", config,
        ])
        let rows = CSVTestReader.records(tuned.output("incidents.csv"))
            .filter { $0["detector"] == "baseline_regression" }
        #expect(rows.map { $0["metric"] } == ["step_time", "loss"])
        #expect(rows.map { $0["severity"] } == ["error", "warning"])

        let silent = try BinaryRunner.run([
            "analyze", after, "--baseline", baseline, "--config", off,
        ])
        #expect(!silent.output("incidents.csv").contains("baseline_regression"))
        #expect(Self.tableRows(silent.output("report.md")).count == 8)
    }

    @Test func anOlderSummaryWithoutRunOrServingBlocksStillCompares() throws {
        let directory = try Self.folder()
        let before = try Self.write(
            Self.training(finalLoss: 2.0, tokens: 1000, stepTime: 0.5, val: (2.6, 2.5), mmlu: 0.8),
            "before.jsonl", in: directory)
        let first = try BinaryRunner.run(["analyze", before])
        var document = try first.summary()
        document["run"] = nil
        document["serving"] = nil
        document["fieldsDropped"] = nil
        document["seriesDropped"] = nil
        let old = directory.appendingPathComponent("old-summary.json")
        try JSONSerialization.data(withJSONObject: document).write(to: old)

        let second = try BinaryRunner.run(["analyze", before, "--baseline", old.path])
        #expect(second.status == 0, "\(second.stderr)")
        let rows = Self.tableRows(second.output("report.md"))
        #expect(rows.first == "| final train loss `loss` | 2 | 2 | unchanged | ok |")
        #expect(rows.count == 8)
    }

    @Test func scoresBelowTheEarlierRunAreQualityRegressions() throws {
        let directory = try Self.folder()
        let lines = { (score: Double) in
            (1...6).map { index in
                "{\"step\": \(index * 100), \"loss\": \(2.0 - Double(index) * 0.1), "
                    + "\"eval/mmlu\": \(score)}"
            }
        }
        let before = try Self.write(lines(0.80), "before.jsonl", in: directory)
        let after = try Self.write(lines(0.70), "after.jsonl", in: directory)

        let first = try BinaryRunner.run(["analyze", before])
        #expect(first.status == 0, "\(first.stderr)")
        let alone = try BinaryRunner.run(["analyze", after])
        #expect(!alone.output("incidents.csv").contains("quality_regression"))

        let baseline = first.directory.appendingPathComponent("report").path
        let judged = try BinaryRunner.run(["analyze", after, "--baseline", baseline])
        #expect(judged.status == 1, "\(judged.stderr)")
        let rows = CSVTestReader.records(judged.output("incidents.csv"))
        let regression = rows.first { $0["detector"] == "quality_regression" }
        #expect(regression?["metric"] == "eval/mmlu")
        #expect(regression?["severity"] == "critical")
    }

    struct Unusable: CustomStringConvertible, Sendable {
        var name: String
        var content: String?
        var reason: String
        var description: String { name }
    }

    static let unusable: [Unusable] = [
        Unusable(name: "nowhere", content: nil, reason: "no such file"),
        Unusable(
            name: "notes.json", content: "not json at all",
            reason: "not JSON; --baseline takes the summary.json of an earlier analysis, or its "
                + "report folder"),
        Unusable(
            name: "other.json", content: #"{"tool": "other", "schema": 1}"#,
            reason: #"not a runlens summary (no "tool": "runlens")"#),
        Unusable(
            name: "future.json", content: #"{"tool": "runlens", "schema": 2}"#,
            reason: "schema 2 is not 1"),
        Unusable(
            name: "broken.json", content: #"{"tool": "runlens", "schema": 1, "metrics": 3}"#,
            reason: "wrong type at 'metrics'"),
    ]

    @Test(arguments: unusable)
    func anUnusableBaselineIsOneLineAndExitTwo(_ bad: Unusable) throws {
        let directory = try Self.folder()
        let log = try Self.write(["{\"step\": 1, \"loss\": 1}"], "run.jsonl", in: directory)
        let path = directory.appendingPathComponent(bad.name).path
        if let content = bad.content {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        }

        let run = try BinaryRunner.run(["analyze", log, "--baseline", path])
        #expect(run.status == 2)
        #expect(run.stderr == "runlens: error: baseline '\(path)': \(bad.reason)\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func aFolderWithoutSummaryNamesTheFileLookedFor() throws {
        let directory = try Self.folder()
        let run = try BinaryRunner.run(["analyze", "x.jsonl", "--baseline", directory.path])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: baseline '\(directory.path)/summary.json': no such file\n")
    }
}
