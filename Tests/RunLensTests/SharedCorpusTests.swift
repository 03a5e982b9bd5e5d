import Foundation
import Testing

/// Where the shared corpus is: `RUNLENS_CORPUS`, else `../shared/corpus` beside the
/// package; `nil` when it is in neither place.
enum SharedCorpus {
    static let root: URL? = {
        let environment = ProcessInfo.processInfo.environment["RUNLENS_CORPUS"]
        let candidate =
            environment.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: BinaryRunner.fixture("")).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let sources = candidate.appendingPathComponent("SOURCES.md").path
        return FileManager.default.fileExists(atPath: sources) ? candidate : nil
    }()
}

/// The whole shared corpus, when it is there: the full files the fixtures were cut from.
/// Skipped elsewhere.
@Suite(.enabled(if: SharedCorpus.root != nil, "shared corpus not found"))
struct SharedCorpusTests {
    static var root: URL? { SharedCorpus.root }

    /// Folders of plain-text logs, which runlens refuses for now.
    static let textFolders: Set<String> = [
        "detectron2-text-log", "llmc-main-log", "llmc-stdout-log", "mmcv-text-log",
    ]

    /// Every metric log of the corpus, as `folder/name`.
    static var metricLogs: [String] {
        guard let root else { return [] }
        let folders =
            (try? FileManager.default.contentsOfDirectory(atPath: root.path).sorted()) ?? []
        return folders.filter { !textFolders.contains($0) && !$0.hasSuffix(".md") }.flatMap {
            folder in
            let names =
                (try? FileManager.default.contentsOfDirectory(
                    atPath: root.appendingPathComponent(folder).path)) ?? []
            return names.sorted().map { "\(folder)/\($0)" }
        }
    }

    static func path(_ file: String) -> String {
        root?.appendingPathComponent(file).path ?? file
    }

    @Test(arguments: metricLogs)
    func everyMetricLogIsReadAndAccounted(_ file: String) throws {
        let run = try BinaryRunner.run(["analyze", Self.path(file)])
        if CorpusDialectTests.judgesNothing(file) {
            #expect(run.status == 2 && run.stderr.contains("nothing was judged"), "\(run.stderr)")
        } else {
            #expect(run.status == 0 || run.status == 1, "read without error: \(run.stderr)")
        }
        let counts = try SummaryFigures(run).accounting
        let lines = counts["lines"] ?? -1
        let parts = ["records", "metadata", "empty", "malformed"].map { counts[$0] ?? -1 }
        #expect(lines == parts.reduce(0, +))
        #expect(counts["malformed"] == 0)

        // Line-based logs: every physical line counts, the last one without a newline too.
        let isDocument = file.hasPrefix("hf-") || file.hasPrefix("llmperf-")
        guard !isDocument, !file.hasSuffix(".zst") else { return }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path(file)))
        let newlines = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        #expect(lines == newlines + (bytes.last == UInt8(ascii: "\n") ? 0 : 1))
    }

    // Figures of the full files: SOURCES.md, and python3 as for the fixtures (json.loads per
    // line, csv.reader, json.load), listed in CorpusDialectTests' comments where the same.
    static let fullFiles: [CorpusDialectTests.Expected] = [
        // 328 objects; "iteration" 19..4000; rewinds at 102 (2000->19) and 128 (493->19);
        // eval rows at lines 101 and 328.
        .init(
            file: "detectron2-metrics-jsonl/mgm_mask2former_output_metrics.json", lines: 328,
            records: 328, steps: [19, 4000], resumes: [[102, 2000, 19], [128, 493, 19]],
            evaluations: 2),
        .init(
            file: "detectron2-metrics-jsonl/gdp_objdetect_metrics.json.zst", lines: 77,
            records: 77, steps: [19, 839],
            resumes: [[9, 159, 19], [24, 299, 19], [31, 139, 19], [36, 99, 19]]),
        // header + 2834 rows; "step" 49..140739; 10 rows with val_loss.
        .init(
            file: "lightning-metrics-csv/slm_training_version_0_metrics.csv", lines: 2835,
            records: 2834, metadata: 1, steps: [49, 140739], evaluations: 10),
        // 8820 lines, the last without CRLF; last TIMESTAMP 2023-11-16 19:14:19.9280160.
        .init(
            file: "azure-llm-trace-csv/AzureLLMInferenceTrace_code.csv", lines: 8820,
            records: 8819, metadata: 1, requests: 8819,
            times: [1_700_158_623.979_96, 1_700_162_059.928_016]),
        // 12031 objects, "timestamp" 0..3536999 ms; lines 7728 and 7733 identical.
        .init(
            file: "mooncake-trace-jsonl/mooncake_conversation_trace.jsonl", lines: 12031,
            records: 12031, requests: 12031, times: [0, 3536.999], relative: true),
        // 150 objects, "step" 1..150.
        .init(
            file: "mmengine-scalars-jsonl/pkurnikov_vis_20241205_142419.json", lines: 150,
            records: 150, steps: [1, 150]),
        // 76 objects, val row at line 52 (step 0); training "step" 1..740.
        .init(
            file: "mmengine-scalars-jsonl/pkurnikov_vis_20241205_144938.json", lines: 76,
            records: 76, steps: [1, 740], evaluations: 1),
        // json.load: 150 requests, 97 with error_code -100.
        .init(
            file: "llmperf-individual-json/llmperf_bedrock_13b_individual.json", lines: 150,
            records: 150, requests: 150, failed: 97),
    ]

    @Test(arguments: fullFiles)
    func fullFilesHaveTheirShape(_ expected: CorpusDialectTests.Expected) throws {
        let run = try BinaryRunner.run(["analyze", Self.path(expected.file)])
        #expect(run.status == 0 || run.status == 1, "read without error: \(run.stderr)")
        let summary = try SummaryFigures(run)
        #expect(summary.accounting["lines"] == expected.lines)
        #expect(summary.accounting["records"] == expected.records)
        #expect(summary.accounting["metadata"] == expected.metadata)
        #expect(summary.steps == expected.steps)
        #expect(summary.resumes == expected.resumes)
        #expect(summary.count("evaluations") == expected.evaluations)
        #expect(summary.count("requests") == expected.requests)
        #expect(summary.count("failedRequests") == expected.failed)
        #expect(summary.count("duplicates") == 0)
        #expect(close(summary.times, expected.times), "\(String(describing: summary.times))")
    }

    @Test func bedrockLatenciesMatchLLMPerfsOwnSummary() throws {
        // The fixture copy is cut; the full file's 53 completed requests are what the
        // summary file averaged.
        let run = try SummaryFigures(
            BinaryRunner.run([
                "analyze", Self.path("llmperf-individual-json/llmperf_bedrock_13b_individual.json"),
            ]))
        let data = try Data(
            contentsOf: URL(
                fileURLWithPath: Self.path("llmperf-summary-json/llmperf_bedrock_13b_summary.json"))
        )
        let own = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        for metric in ["ttft_s", "end_to_end_latency_s", "inter_token_latency_s"] {
            #expect(run.stat(metric, "count") == own["results_num_completed_requests"] as? Double)
            for (ours, theirs) in [("mean", "mean"), ("p50", "quantiles_p50"), ("max", "max")] {
                let expected = own["results_\(metric)_\(theirs)"] as? Double ?? .nan
                #expect(close(run.stat(metric, ours), expected), "\(metric) \(ours)")
            }
        }
    }
}
