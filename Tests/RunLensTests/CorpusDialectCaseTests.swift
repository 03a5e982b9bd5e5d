import Foundation
import Testing

/// What each tool's dialect means, checked end to end on the real-log fixtures: roles,
/// where evaluations sit, which values enter a series. Expected figures come from python3
/// over the fixture bytes, from `SOURCES.md`, or from the tool's own output (LLMPerf's
/// summary files); the comment beside each says which. Fractional figures are compared to
/// a relative 1e-9: Foundation's JSON parser may read the last digit of a double off by one.
struct CorpusDialectCaseTests {
    static func analyze(_ file: String, _ options: [String] = []) throws -> SummaryFigures {
        let run = try BinaryRunner.run(["analyze", BinaryRunner.fixture(file)] + options)
        if CorpusDialectTests.judgesNothing(file) {
            #expect(run.status == 2 && run.stderr.contains("nothing was judged"), "\(run.stderr)")
        } else {
            #expect(run.status == 0 || run.status == 1, "read without error: \(run.stderr)")
        }
        return try SummaryFigures(run)
    }

    static func windowStarts(_ run: BinaryRunner.Outcome, metric: String) -> [String] {
        CSVTestReader.records(run.output("windows.csv")).filter { $0["metric"] == metric }
            .compactMap { $0["window_start"] }
    }

    struct RoleMap: CustomTestStringConvertible, Sendable {
        var file: String
        var roles: [String: String]
        var testDescription: String { file }
    }

    /// The whole role map of each log, by hand from SPEC section 2's tables.
    static let roleMaps: [RoleMap] = [
        RoleMap(
            file: "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json",
            roles: ["lr": "learning_rate", "total_loss": "train_loss"]),
        // detectron2 logs `time` (seconds per iteration) beside `data_time`: step time.
        RoleMap(
            file: "corpus/detectron2-metrics-jsonl/mgm_mask2former_output_metrics.json",
            roles: [
                "data_time": "data_time", "lr": "learning_rate", "time": "step_time",
                "total_loss": "train_loss",
            ]),
        RoleMap(
            file: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_152037.json",
            roles: [
                "data_time": "data_time", "grad_norm": "grad_norm", "loss": "train_loss",
                "lr": "learning_rate", "memory": "gpu_memory", "time": "step_time",
            ]),
        RoleMap(
            file: "corpus/mmcv-log-json/fengyouliang_20200720_054407.head25.log.json",
            roles: [
                "data_time": "data_time", "loss": "train_loss", "lr": "learning_rate",
                "memory": "gpu_memory", "time": "step_time",
            ]),
        RoleMap(
            file: "corpus/detr-style-log-jsonl/retfound_output_dir_log.txt",
            roles: ["train_loss": "train_loss", "train_lr": "learning_rate"]),
        RoleMap(
            file: "corpus/hf-trainer-state-json/whisper_large_v2_ja_trainer_state.json",
            roles: [
                "eval_loss": "val_loss", "learning_rate": "learning_rate", "loss": "train_loss",
            ]
        ),
        RoleMap(
            file: "corpus/lightning-metrics-csv/slm_training_version_0_metrics.csv",
            roles: [
                "train_loss_step": "train_loss", "val_loss": "val_loss",
                "val_epoch_perplexity": "quality",
            ]),
        RoleMap(
            file: "corpus/raytune-progress-csv/cellspike_gpu_progress.head6.csv",
            roles: ["time_this_iter_s": "step_time", "val_loss": "val_loss"]),
        // Ultralytics: loss parts under `train/` and `val/`, a learning rate per parameter group.
        RoleMap(
            file: "corpus/yolov5-results-csv/helmet_yolov5_results.head3.csv",
            roles: [
                "train/box_loss": "train_loss", "train/obj_loss": "train_loss",
                "train/cls_loss": "train_loss", "val/box_loss": "val_loss",
                "val/obj_loss": "val_loss", "val/cls_loss": "val_loss", "x/lr0": "learning_rate",
                "x/lr1": "learning_rate", "x/lr2": "learning_rate",
                // Validation scores: the quality role (an eval score, SPEC section 2).
                "metrics/precision": "quality", "metrics/recall": "quality",
                "metrics/mAP_0.5": "quality", "metrics/mAP_0.5:0.95": "quality",
            ]),
        RoleMap(
            file: "corpus/nvidia-smi-csv/balance_budget_gpu_usage.csv",
            roles: ["memory.used": "gpu_memory", "utilization.gpu": "gpu_util"]),
        RoleMap(
            file: "corpus/nvidia-smi-csv/rckola_gpu_usage.csv",
            roles: ["memory.used": "gpu_memory", "utilization.gpu": "gpu_util"]),
        RoleMap(
            file: "corpus/wandb-history-jsonl/spaceinvaders_wandb-history.head100.jsonl",
            roles: [:]),
        // `system.gpu.0.memory` is the memory's busy share, no memory in use: no role.
        RoleMap(
            file: "corpus/wandb-events-jsonl/spaceinvaders_wandb-events.head9.jsonl",
            roles: [
                "system.cpu": "cpu_percent", "system.disk": "disk_percent",
                "system.gpu.gpu": "gpu_util", "system.gpu.memoryAllocated": "gpu_memory",
                "system.gpu.powerWatts": "gpu_power", "system.gpu.temp": "gpu_temp",
                "system.memory": "memory_percent", "system.proc.memory.rssMB": "process_memory",
            ]),
        RoleMap(
            file: "corpus/llmperf-individual-json/llmperf_lepton_7b_individual.json",
            roles: [
                "end_to_end_latency_s": "latency", "inter_token_latency_s": "inter_token_latency",
                "number_input_tokens": "input_tokens", "number_output_tokens": "output_tokens",
                "ttft_s": "ttft",
            ]),
        RoleMap(
            file: "corpus/mooncake-trace-jsonl/mooncake_conversation_trace.jsonl",
            roles: ["input_length": "input_tokens", "output_length": "output_tokens"]),
        RoleMap(
            file: "corpus/azure-llm-trace-csv/AzureLLMInferenceTrace_code.csv",
            roles: ["ContextTokens": "input_tokens", "GeneratedTokens": "output_tokens"]),
    ]

    @Test(arguments: roleMaps)
    func metricsTakeTheirRoles(_ expected: RoleMap) throws {
        #expect(try Self.analyze(expected.file).roles == expected.roles)
    }

    @Test func detectron2RestartsKeepOnlyTheLastSession() throws {
        // Each of the 4 restarts goes back to iteration 19, below every earlier step, so
        // only the last session stays: python3 counts 42 rows from line 36 on.
        let run = try Self.analyze("corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json")
        #expect(run.stat("total_loss", "count") == 42)
        #expect(run.stat("lr", "count") == 42)
    }

    @Test func detectron2EvalRowAndStopRowMarkWhereTheRunWentBackFrom() throws {
        // Excerpt lines 32-37 are the session after the last restart: 6 rows with `time`.
        let run = try Self.analyze(
            "corpus/detectron2-metrics-jsonl/mgm_mask2former_output_metrics.lines97-133.json")
        #expect(run.resumes == [[6, 2000, 19], [32, 493, 19]])
        #expect(run.stat("time", "count") == 6)
        #expect(run.stat("total_loss", "count") == 6)
    }

    @Test func mmengineValidationAtStepZeroSitsAtTheLastTrainingStep() throws {
        // Val rows follow training steps 500, 1000 and 1500 (python3); they carry their
        // loop's own time and data_time, which stay out of the 31 training rows' series.
        let file = "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_152037.json"
        let run = try BinaryRunner.run([
            "analyze", BinaryRunner.fixture(file), "--window-steps", "50",
        ])
        #expect(Self.windowStarts(run, metric: "coco/bbox_mAP") == ["500", "1000", "1500"])
        let summary = try SummaryFigures(run)
        #expect(summary.resumes.isEmpty)
        #expect(summary.count("restampedEvaluations") == 3)
        #expect(summary.stat("time", "count") == 31)
        #expect(summary.stat("data_time", "count") == 31)
        // max data_time over training rows: line 13, 3.006999101638794 (SOURCES.md: 3.01 s).
        #expect(close(summary.stat("data_time", "max"), 3.006999101638794))
        // memory 5575 MB at line 1, 5687 MB at most (SOURCES.md: 5575 -> 5687 MB).
        #expect(summary.stat("memory", "first") == 5575)
        #expect(summary.stat("memory", "max") == 5687)
    }

    @Test func mmcvStepCountsAcrossEpochs() throws {
        // Val rows are at iter 361 of epochs 1, 2 and 3: global steps 361, 722, 1083.
        let file = "corpus/mmcv-log-json/fengyouliang_20200720_054407.head25.log.json"
        let run = try BinaryRunner.run([
            "analyze", BinaryRunner.fixture(file), "--window-steps", "1",
        ])
        #expect(Self.windowStarts(run, metric: "bbox_mAP") == ["361", "722", "1083"])
        // Epoch 2 iter 50 is global step 361 + 50 = 411.
        #expect(Self.windowStarts(run, metric: "loss").contains("411"))
        let summary = try SummaryFigures(run)
        // 25 lines - env_info - 3 val rows = 21 training rows; memory 6874 -> 6902 MB.
        #expect(summary.stat("loss", "count") == 21)
        #expect(summary.stat("time", "count") == 21)
        #expect(summary.stat("memory", "first") == 6874)
        #expect(summary.stat("memory", "max") == 6902)
    }

    @Test func wandbHistoryReadsSparseRowsAndMediaObjects() throws {
        // python3: 50 rows with episodic_reward, 49 with cumulative_avg_reward; line 3 holds
        // the media object `gameplays` with size 192147.
        let run = try Self.analyze(
            "corpus/wandb-history-jsonl/spaceinvaders_wandb-history.head100.jsonl")
        #expect(run.stat("episodic_reward", "count") == 50)
        #expect(run.stat("cumulative_avg_reward", "count") == 49)
        #expect(run.stat("gameplays/size", "last") == 192147)
        #expect(run.axis("episodic_reward") == "step")
    }

    @Test func wandbSystemMetricsAreDeviceZeroOnATimeAxis() throws {
        // python3: system.gpu.0.temp 49.93 -> 61.87; rssMB 1775.8 -> 2753.21 (SOURCES.md).
        let run = try Self.analyze(
            "corpus/wandb-events-jsonl/spaceinvaders_wandb-events.head9.jsonl")
        #expect(close(run.stat("system.gpu.temp", "first", device: 0), 49.93))
        #expect(close(run.stat("system.gpu.temp", "last", device: 0), 61.87))
        #expect(close(run.stat("system.proc.memory.rssMB", "last"), 2753.21))
        #expect(run.axis("system.gpu.temp") == "time")
    }

    @Test func trainerStateClosingEntryIsNoLossSample() throws {
        // json.load: 200 entries with loss, 5 with eval_loss (0.320997953414917 first,
        // 0.4200145900249481 last); the closing entry's averaged train_loss is no series.
        let run = try Self.analyze(
            "corpus/hf-trainer-state-json/whisper_large_v2_ja_trainer_state.json")
        #expect(run.stat("loss", "count") == 200)
        #expect(run.stat("eval_loss", "count") == 5)
        #expect(close(run.stat("eval_loss", "first"), 0.320997953414917))
        #expect(close(run.stat("eval_loss", "last"), 0.4200145900249481))
        #expect(run.stats("train_loss") == nil)
        #expect(run.stats("train_runtime") == nil)
    }

    @Test(arguments: CorpusDialectTests.llmperfRuns.map(\.0))
    func llmperfLatenciesMatchLLMPerfsOwnSummary(_ provider: String) throws {
        let run = try Self.analyze(
            "corpus/llmperf-individual-json/llmperf_\(provider)_individual.json")
        let data = try Data(
            contentsOf: URL(
                fileURLWithPath: BinaryRunner.fixture(
                    "corpus/llmperf-summary-json/llmperf_\(provider)_summary.json")))
        let own = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let completed = own["results_num_completed_requests"] as? Double

        let figures = [
            "mean": "mean", "p50": "quantiles_p50", "p95": "quantiles_p95",
            "p99": "quantiles_p99", "min": "min", "max": "max", "std": "stddev",
        ]
        for metric in ["ttft_s", "end_to_end_latency_s", "inter_token_latency_s"] {
            #expect(run.stat(metric, "count") == completed, "\(metric)")
            for (ours, theirs) in figures {
                let expected = own["results_\(metric)_\(theirs)"] as? Double ?? .nan
                #expect(close(run.stat(metric, ours), expected), "\(metric) \(ours)")
            }
        }
    }

    @Test func mooncakeKeepsIdenticalRequests() throws {
        // Excerpt lines 9 and 14 are byte-identical requests (original 7728 and 7733).
        let run = try Self.analyze(
            "corpus/mooncake-trace-jsonl/mooncake_conversation_trace.lines7720-7740.jsonl")
        #expect(run.count("duplicates") == 0)
        #expect(run.stat("input_length", "count") == 21)
        #expect(run.axis("input_length") == "time")
    }

    @Test func nvidiaSmiUnitsAreStripped() throws {
        // csv.reader, "17092 MiB" → 17092: max 71162 and min 1047 MiB over 1639 rows.
        let run = try Self.analyze("corpus/nvidia-smi-csv/balance_budget_gpu_usage.csv")
        #expect(run.stat("memory.used", "count") == 1639)
        #expect(run.stat("memory.used", "max") == 71162)
        #expect(run.stat("memory.used", "min") == 1047)
        #expect(run.axis("memory.used") == "time")
        // rckola: no units; memory.total 24576 in every row, a metric without role.
        let other = try Self.analyze("corpus/nvidia-smi-csv/rckola_gpu_usage.csv")
        #expect(other.stat("memory.total", "min") == 24576)
        #expect(other.stat("memory.used", "max") == 10904)
    }

    @Test func csvLogsNameTheirStepColumn() throws {
        let cases = [
            ("corpus/lightning-metrics-csv/slm_training_version_0_metrics.csv", "step"),
            ("corpus/raytune-progress-csv/cellspike_gpu_progress.head6.csv", "training_iteration"),
            ("corpus/yolov5-results-csv/helmet_yolov5_results.head3.csv", "epoch"),
        ]
        for (file, column) in cases {
            let run = try Self.analyze(file)
            #expect(run.inputs.first?["stepField"] as? String == column, "\(file)")
        }
    }

    @Test func lightningStepAndEpochRowsGoToTheirOwnSeries() throws {
        // csv.DictReader: 1894 train_loss_step cells, 6 val_loss cells.
        let run = try Self.analyze(
            "corpus/lightning-metrics-csv/slm_training_version_0_metrics.csv")
        #expect(run.stat("train_loss_step", "count") == 1894)
        #expect(run.stat("val_loss", "count") == 6)
    }

    @Test func yolov5PaddedHeaderNamesAreTrimmed() throws {
        let run = try Self.analyze("corpus/yolov5-results-csv/helmet_yolov5_results.head3.csv")
        let metrics = run.document["metrics"] as? [[String: Any]] ?? []
        let names = Set(metrics.compactMap { $0["name"] as? String })
        // The header's 14 names stripped of their padding, less the step column `epoch`.
        #expect(
            names == [
                "train/box_loss", "train/obj_loss", "train/cls_loss", "metrics/precision",
                "metrics/recall", "metrics/mAP_0.5", "metrics/mAP_0.5:0.95", "val/box_loss",
                "val/obj_loss", "val/cls_loss", "x/lr0", "x/lr1", "x/lr2",
            ])
    }

    @Test(arguments: ["zst", "gz"])
    func compressedMLflowFileNamesTheSameMetric(_ suffix: String) throws {
        let run = try Self.analyze(
            "corpus-compressed/mlflow-metric-file/deepcnn_mlruns_metrics_loss.\(suffix)")
        let metrics = run.document["metrics"] as? [[String: Any]] ?? []
        #expect(metrics.compactMap { $0["name"] as? String } == ["deepcnn_mlruns_metrics_loss"])
        #expect(close(run.stat("deepcnn_mlruns_metrics_loss", "last"), 3.2727866172790527))
    }
}
