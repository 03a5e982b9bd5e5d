import Foundation
import Testing

/// End-to-end runs of the built binary on every JSON, JSON Lines, CSV and MLflow file of
/// the real-log fixtures (`fixtures/corpus`, see its README), on their compressed copies
/// (`fixtures/corpus-compressed`), and on the text logs, which must be refused.
///
/// Every expected figure was worked out without runlens: `wc -l` or python3 over the
/// bytes (`json.loads` per line, `json.load` for documents, `csv` for CSV files), or read
/// off `SOURCES.md`. The comment above each entry says how.
struct CorpusDialectTests {
    struct Expected: CustomTestStringConvertible, Sendable {
        var file: String
        var lines: Int
        var records: Int
        var metadata = 0
        var malformed = 0
        /// `[first, last]` training step, or `nil` when the log has no steps.
        var steps: [Double]? = nil
        /// `[line, from step, to step]` of each resume.
        var resumes: [[Double]] = []
        var evaluations = 0
        var requests = 0
        var failed = 0
        var devices: [Int] = []
        /// `[first, last]` epoch seconds, or seconds from the log's origin when `relative`.
        var times: [Double]? = nil
        var relative = false
        var testDescription: String { file }

        /// The same expectations for a compressed copy in `fixtures/corpus-compressed`.
        func copy(_ suffix: String) -> Expected {
            var copy = self
            copy.file =
                file.replacingOccurrences(of: "corpus/", with: "corpus-compressed/")
                + "." + suffix
            return copy
        }
    }

    static let files: [Expected] = [
        // wc -l 77; 77 json.loads objects; "iteration" 19..839; rewinds at lines 9, 24, 31,
        // 36 from SOURCES.md, the iteration before each (159, 299, 139, 99) from python3.
        Expected(
            file: "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json", lines: 77,
            records: 77, steps: [19, 839],
            resumes: [[9, 159, 19], [24, 299, 19], [31, 139, 19], [36, 99, 19]]),
        // The same bytes compressed with zstd -19 (SOURCES.md).
        Expected(
            file: "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json.zst", lines: 77,
            records: 77, steps: [19, 839],
            resumes: [[9, 159, 19], [24, 299, 19], [31, 139, 19], [36, 99, 19]]),
        // Head excerpt (README): wc -l 77, 77 objects, "iteration" 19..1539 rising.
        Expected(
            file: "corpus/detectron2-metrics-jsonl/mgm_mask2former_output_metrics.json",
            lines: 77, records: 77, steps: [19, 1539]),
        // Lines 97-133 of the original: wc -l 37, 37 objects (one holds only eta_seconds and
        // iteration 493). Line 5 is the eval row at 2000 after training row 1999; rewinds at
        // excerpt lines 6 and 32 (original 102, 128: "2000->19", "493->19" in SOURCES.md).
        Expected(
            file:
                "corpus/detectron2-metrics-jsonl/mgm_mask2former_output_metrics.lines97-133.json",
            lines: 37, records: 37, steps: [19, 2000], resumes: [[6, 2000, 19], [32, 493, 19]],
            evaluations: 1),
        // wc -l 50; 50 objects; "epoch" 0..49, the only step there is.
        Expected(
            file: "corpus/detr-style-log-jsonl/retfound_output_dir_log.txt", lines: 50,
            records: 50, steps: [0, 49]),
        // json.load: log_history has 206 entries (200 with "loss", 5 with "eval_loss", the
        // last with "train_runtime" is metadata) plus the top-level settings entry: 207
        // lines, 205 records, 2 metadata. "step" 25..5000; eval steps 1000..5000.
        Expected(
            file: "corpus/hf-trainer-state-json/whisper_large_v2_ja_trainer_state.json",
            lines: 207, records: 205, metadata: 2, steps: [25, 5000], evaluations: 5),
        // csv.DictReader: header + 1906 rows (cut inside epoch 6); "step" 49..94699; rows
        // with a val_loss cell: 6 (epochs 0-5).
        Expected(
            file: "corpus/lightning-metrics-csv/slm_training_version_0_metrics.csv",
            lines: 1907, records: 1906, metadata: 1, steps: [49, 94699], evaluations: 6),
        // csv.DictReader: header + 220 rows; "step" 49..10999.
        Expected(
            file: "corpus/lightning-metrics-csv/slm_training_version_7_metrics.csv",
            lines: 221, records: 220, metadata: 1, steps: [49, 10999]),
        // csv.DictReader: header + 1511 rows; "step" 49..75549.
        Expected(
            file: "corpus/lightning-metrics-csv/slm_training_version_8_metrics.csv",
            lines: 1512, records: 1511, metadata: 1, steps: [49, 75549]),
        // csv.DictReader: header + 136 rows; "step" 49..6799.
        Expected(
            file: "corpus/lightning-metrics-csv/slm_training_version_10_metrics.csv",
            lines: 137, records: 136, metadata: 1, steps: [49, 6799]),
        // csv.reader: header + 2 rows; stripped "epoch" cells 0 and 1.
        Expected(
            file: "corpus/yolov5-results-csv/helmet_yolov5_results.head3.csv", lines: 3,
            records: 2, metadata: 1, steps: [0, 1]),
        // csv.DictReader: header + 5 rows; "training_iteration" 1..5; "timestamp"
        // 1610606224..1610606492.
        Expected(
            file: "corpus/raytune-progress-csv/cellspike_gpu_progress.head6.csv", lines: 6,
            records: 5, metadata: 1, steps: [1, 5], times: [1_610_606_224, 1_610_606_492]),
        // csv.reader: header + 1639 rows; first and last timestamp through
        // datetime.strptime(..., "%Y/%m/%d %H:%M:%S.%f") as UTC.
        Expected(
            file: "corpus/nvidia-smi-csv/balance_budget_gpu_usage.csv", lines: 1640,
            records: 1639, metadata: 1, times: [1_769_994_457.1, 1_770_019_028.704]),
        // csv.reader: header + 90 rows; unix seconds 1764189075..1764194422.
        Expected(
            file: "corpus/nvidia-smi-csv/rckola_gpu_usage.csv", lines: 91, records: 90,
            metadata: 1, times: [1_764_189_075, 1_764_194_422]),
        // Excerpt: 2755 CRLF lines, header + 2754 requests; first/last TIMESTAMP through
        // datetime.strptime with 6 of the 7 fractional digits (the 7th is 0) as UTC.
        Expected(
            file: "corpus/azure-llm-trace-csv/AzureLLMInferenceTrace_code.csv", lines: 2755,
            records: 2754, metadata: 1, requests: 2754,
            times: [1_700_158_623.979_96, 1_700_159_544.128_381]),
        // Excerpt: 412 objects; "timestamp" 0..144000 ms from the trace's start.
        Expected(
            file: "corpus/mooncake-trace-jsonl/mooncake_conversation_trace.jsonl", lines: 412,
            records: 412, requests: 412, times: [0, 144], relative: true),
        // Lines 7720-7740 of the original: 21 objects, lines 9 and 14 identical (7728 and
        // 7733); "timestamp" 2367000..2373000 ms.
        Expected(
            file: "corpus/mooncake-trace-jsonl/mooncake_conversation_trace.lines7720-7740.jsonl",
            lines: 21, records: 21, requests: 21, times: [2367, 2373], relative: true),
        // 25 objects, line 1 the env_info header. Val rows (lines 9, 17, 25) have iter 361,
        // the epoch length, so global step = (epoch - 1) * 361 + iter: 50..3 * 361 = 1083.
        Expected(
            file: "corpus/mmcv-log-json/fengyouliang_20200720_054407.head25.log.json",
            lines: 25, records: 24, metadata: 1, steps: [50, 1083], evaluations: 3),
        // Excerpt: 62 objects, "step" 1..62, no val rows.
        Expected(
            file: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_142419.json", lines: 62,
            records: 62, steps: [1, 62]),
        // Excerpt: 63 objects; one val row (line 52, step 0 between 500 and 510); training
        // "step" 1..610.
        Expected(
            file: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_144938.json", lines: 63,
            records: 63, steps: [1, 610], evaluations: 1),
        // 34 objects; val rows at lines 12, 23, 34 (step 0); training "step" 1..1500.
        Expected(
            file: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_152037.json", lines: 34,
            records: 34, steps: [1, 1500], evaluations: 3),
        // 34 objects; val rows at lines 12, 23, 34 (step 0); training "step" 1..1500.
        Expected(
            file: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_161234.json", lines: 34,
            records: 34, steps: [1, 1500], evaluations: 3),
        // 100 objects; "_step" 0..99; "_timestamp" first and last row.
        Expected(
            file: "corpus/wandb-history-jsonl/spaceinvaders_wandb-history.head100.jsonl",
            lines: 100, records: 100, steps: [0, 99],
            times: [1_582_070_918.238_857_7, 1_582_071_170.252_027_3]),
        // 9 objects; only system.gpu.0.* keys; "_timestamp" 1582070941..1582071183.
        Expected(
            file: "corpus/wandb-events-jsonl/spaceinvaders_wandb-events.head9.jsonl", lines: 9,
            records: 9, devices: [0], times: [1_582_070_941, 1_582_071_183]),
        // Cut mid-array (README): json.JSONDecoder.raw_decode reads 137 whole objects, 89
        // of them with an error_code; the cut object is one malformed entry.
        Expected(
            file: "corpus/llmperf-individual-json/llmperf_bedrock_13b_individual.json",
            lines: 138, records: 137, malformed: 1, requests: 137, failed: 89),
        // One `<ms> <value> <step>` line: step 0 at 1664364007310 ms.
        Expected(
            file: "corpus/mlflow-metric-file/deepcnn_mlruns_metrics_loss", lines: 1, records: 1,
            steps: [0, 0], times: [1_664_364_007.31, 1_664_364_007.31]),
    ]

    /// LLMPerf per-request arrays, whole: (provider, json.load length, error_code not null).
    static let llmperfRuns: [(String, Int, Int)] = [
        ("anyscale_13b", 150, 0), ("anyscale_70b", 150, 0), ("anyscale_7b", 150, 0),
        ("fireworks_13b", 150, 0), ("fireworks_70b", 150, 0), ("fireworks_7b", 150, 0),
        ("groq_70b", 150, 0), ("lepton_70b", 150, 130), ("lepton_7b", 150, 130),
        ("replicate_13b", 150, 0), ("replicate_70b", 145, 0), ("replicate_7b", 150, 0),
        ("together_13b", 150, 1), ("together_7b", 150, 0),
    ]

    /// LLMPerf summaries: (provider, their own `timestamp`), one flat object each.
    static let llmperfSummaries: [(String, Double)] = [
        ("anyscale_13b", 1_703_136_016), ("anyscale_70b", 1_703_136_129),
        ("anyscale_7b", 1_703_135_943), ("bedrock_13b", 1_703_637_308),
        ("fireworks_13b", 1_702_984_986), ("fireworks_70b", 1_702_985_131),
        ("fireworks_7b", 1_702_984_846), ("groq_70b", 1_704_851_704),
        ("lepton_70b", 1_703_638_336), ("lepton_7b", 1_703_638_574),
        ("replicate_13b", 1_703_639_602), ("replicate_70b", 1_703_639_184),
        ("replicate_7b", 1_703_639_863), ("together_13b", 1_702_985_889),
        ("together_70b", 1_702_985_493), ("together_7b", 1_702_985_601),
    ]

    static let all: [Expected] =
        files
        + llmperfRuns.map { provider, count, errors in
            Expected(
                file: "corpus/llmperf-individual-json/llmperf_\(provider)_individual.json",
                lines: count, records: count, requests: count, failed: errors)
        }
        + llmperfSummaries.map { provider, time in
            Expected(
                file: "corpus/llmperf-summary-json/llmperf_\(provider)_summary.json", lines: 1,
                records: 1, times: [time, time])
        }

    /// Files with copies in `fixtures/corpus-compressed` (see its `make-copies.sh`).
    static let copied: Set<String> = [
        "gdp_objdetect_metrics.json", "mgm_mask2former_output_metrics.lines97-133.json",
        "retfound_output_dir_log.txt", "whisper_large_v2_ja_trainer_state.json",
        "slm_training_version_7_metrics.csv", "llmperf_lepton_7b_individual.json",
        "llmperf_lepton_7b_summary.json", "deepcnn_mlruns_metrics_loss",
        "fengyouliang_20200720_054407.head25.log.json", "pkurnikov_vis_20241205_152037.json",
        "mooncake_conversation_trace.lines7720-7740.jsonl", "rckola_gpu_usage.csv",
        "cellspike_gpu_progress.head6.csv", "spaceinvaders_wandb-events.head9.jsonl",
        "spaceinvaders_wandb-history.head100.jsonl", "helmet_yolov5_results.head3.csv",
    ]

    static let compressed: [Expected] = all.filter {
        copied.contains(String($0.file.split(separator: "/").last ?? ""))
    }.flatMap { [$0.copy("zst"), $0.copy("gz")] }

    @Test(arguments: all)
    func everyRealLogIsReadWithItsShape(_ expected: Expected) throws {
        try check(expected)
    }

    @Test(arguments: compressed)
    func compressedCopiesReadTheSame(_ expected: Expected) throws {
        try check(expected)
    }

    /// Real logs none of whose names takes a role (benchmark summaries, one MLflow metric file
    /// named by its path, an RL run's rewards): read in full, but nothing is judged, which is
    /// an error (exit 2) with the full report. YOLOv5's loss parts take roles: its head is
    /// judged (``UltralyticsResultsTests``).
    static func judgesNothing(_ file: String) -> Bool {
        let unjudged = [
            "deepcnn_mlruns_metrics_loss", "spaceinvaders_wandb-history.head100.jsonl",
        ]
        return file.contains("llmperf-summary-json/") || unjudged.contains { file.contains($0) }
    }

    private func check(_ expected: Expected) throws {
        let run = try BinaryRunner.run(["analyze", BinaryRunner.fixture(expected.file)])
        if Self.judgesNothing(expected.file) {
            #expect(run.status == 2 && run.stderr.contains("nothing was judged"), "\(run.stderr)")
        } else {
            #expect(run.status == 0 || run.status == 1, "read without error: \(run.stderr)")
        }
        let summary = try SummaryFigures(run)
        let counts = summary.accounting
        #expect(counts["lines"] == expected.lines)
        #expect(counts["records"] == expected.records)
        #expect(counts["metadata"] == expected.metadata)
        #expect(counts["empty"] == 0)
        #expect(counts["malformed"] == expected.malformed)
        #expect(summary.inputs.first?["accounting"] as? [String: Int] == counts)

        #expect(summary.steps == expected.steps)
        #expect(summary.resumes == expected.resumes)
        #expect(summary.count("evaluations") == expected.evaluations)
        #expect(summary.count("requests") == expected.requests)
        #expect(summary.count("failedRequests") == expected.failed)
        #expect(summary.count("duplicates") == 0)
        #expect(summary.ranks == [])
        #expect(summary.devices == expected.devices)
        #expect(close(summary.times, expected.times), "\(String(describing: summary.times))")
        #expect(summary.overview["timeIsRelative"] as? Bool == expected.relative)
    }

    struct TextLog: CustomTestStringConvertible, Sendable {
        var file: String
        var testDescription: String { file }
    }

    /// The plain-text logs of the corpus: llm.c, detectron2's printer, MMCV's text logger.
    static let textLogs: [TextLog] = [
        "corpus/detectron2-text-log/nyu_supervised_lr0.004_warmup.log.txt",
        "corpus/detectron2-text-log/nyu_supervised_lr0.020.log.txt",
        "corpus/llmc-main-log/siddanth_gpt2_124M_main.head5000.log",
        "corpus/llmc-stdout-log/hector_gpt2_train.11672072.log",
        "corpus/llmc-stdout-log/hector_gpt2_train.11672255.log",
        "corpus/llmc-stdout-log/hector_gpt2_train.11685414.log",
        "corpus/mmcv-text-log/fengyouliang_20200720_054407.head327.log",
    ].map(TextLog.init)

    @Test(arguments: textLogs)
    func textLogsNamedExplicitlyAreRefused(_ log: TextLog) throws {
        let path = BinaryRunner.fixture(log.file)
        let run = try BinaryRunner.run(["analyze", path])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(
            run.stderr
                == "runlens: error: '\(path)': unsupported format: plain-text log; runlens reads "
                + "JSON Lines, JSON documents, CSV and MLflow metric files\n")
    }

    @Test func textLogsFoundInAFolderAreSkippedAndListed() throws {
        let run = try BinaryRunner.run([
            "analyze", BinaryRunner.fixture("corpus/mmcv-log-json"),
            BinaryRunner.fixture("corpus/mmcv-text-log"),
        ])
        #expect(run.status == 0 || run.status == 1, "read without error: \(run.stderr)")
        let skipped = try SummaryFigures(run).document["skipped"] as? [[String: Any]] ?? []
        #expect(skipped.count == 1)
        #expect(
            skipped.first?["path"] as? String
                == BinaryRunner.fixture(
                    "corpus/mmcv-text-log/fengyouliang_20200720_054407.head327.log"))
        #expect(run.output("report.md").contains("plain-text log"))
    }

    @Test func aFolderOfTextLogsOnlySaysWhyNothingWasRead() throws {
        let folder = BinaryRunner.fixture("corpus/mmcv-text-log")
        let log = folder + "/fengyouliang_20200720_054407.head327.log"

        let run = try BinaryRunner.run(["analyze", folder])

        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: no metric record could be read from '\(folder)' (0 lines; "
                + "skipped '\(log)': plain-text log; runlens reads JSON Lines, JSON documents, "
                + "CSV and MLflow metric files)\n")
    }
}
