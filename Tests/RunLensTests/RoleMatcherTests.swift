import Testing

@testable import RunLens

/// Names → roles and kinds, as SPEC section 2 lists them; every expected value is read off
/// its tables (or, for tool names, off the corpus notes in `SOURCES.md`).
struct RoleMatcherTests {
    struct RoleCase: CustomTestStringConvertible, Sendable {
        var name: String
        var role: MetricRole?
        var testDescription: String { "\(name) → \(role?.rawValue ?? "no role")" }
    }

    static let roles: [RoleCase] = [
        // train loss: the role table, Chainer, detectron2 and Lightning's per-step column.
        .init(name: "loss", role: .trainLoss),
        .init(name: "train_loss", role: .trainLoss),
        .init(name: "train/loss", role: .trainLoss),
        .init(name: "train.loss", role: .trainLoss),
        .init(name: "Train-Loss", role: .trainLoss),
        .init(name: "main/loss", role: .trainLoss),
        .init(name: "total_loss", role: .trainLoss),
        .init(name: "train_loss_step", role: .trainLoss),
        // Megatron-LM, NeMo, TensorBoard tags.
        .init(name: "lm loss", role: .trainLoss),
        .init(name: "reduced_train_loss", role: .trainLoss),
        .init(name: "training_loss", role: .trainLoss),
        .init(name: "Loss/train", role: .trainLoss),
        .init(name: "lm loss validation", role: .valLoss),
        .init(name: "Loss/val", role: .valLoss),
        .init(name: "iteration-time", role: .stepTime),
        .init(name: "train_step_timing", role: .stepTime),
        // validation loss, per domain too.
        .init(name: "eval/loss", role: .valLoss),
        .init(name: "val/loss", role: .valLoss),
        .init(name: "val_loss", role: .valLoss),
        .init(name: "eval_loss", role: .valLoss),
        .init(name: "valid_loss", role: .valLoss),
        .init(name: "validation/main/loss", role: .valLoss),
        .init(name: "val_loss_wikitext", role: .valLoss),
        .init(name: "val/total_loss", role: .valLoss),
        .init(name: "test/loss", role: .valLoss),
        // Ultralytics (YOLOv5, YOLOv8 `results.csv`): a loss in parts under `train/` and `val/`,
        // a learning rate per parameter group.
        .init(name: "train/box_loss", role: .trainLoss),
        .init(name: "train/dfl_loss", role: .trainLoss),
        .init(name: "val/obj_loss", role: .valLoss),
        .init(name: "val/dfl_loss", role: .valLoss),
        .init(name: "x/lr0", role: .learningRate),
        .init(name: "x/lr2", role: .learningRate),
        .init(name: "lr/pg1", role: .learningRate),
        // Ultralytics' validation scores are eval scores (SPEC's quality role), YOLOv5's names
        // as in the corpus head, YOLOv8's with `(B)` for boxes and `(M)` for masks.
        .init(name: "metrics/precision", role: .quality),
        .init(name: "metrics/recall", role: .quality),
        .init(name: "metrics/mAP_0.5", role: .quality),
        .init(name: "metrics/mAP_0.5:0.95", role: .quality),
        .init(name: "metrics/precision(B)", role: .quality),
        .init(name: "metrics/recall(B)", role: .quality),
        .init(name: "metrics/mAP50(B)", role: .quality),
        .init(name: "metrics/mAP50-95(B)", role: .quality),
        .init(name: "metrics/mAP50-95(M)", role: .quality),
        .init(name: "metrics/fitness", role: nil),
        .init(name: "metrics/x_loss", role: nil),
        .init(name: "box_loss", role: nil),
        .init(name: "x/pg0", role: nil),
        .init(name: "lr/pgx", role: nil),
        // optimiser.
        .init(name: "grad_norm", role: .gradNorm),
        .init(name: "train/grad_norm", role: .gradNorm),
        .init(name: "gradient_norm", role: .gradNorm),
        .init(name: "lr", role: .learningRate),
        .init(name: "train/lr", role: .learningRate),
        .init(name: "learning_rate", role: .learningRate),
        // Lightning's LearningRateMonitor: `lr-<optimizer>`, `-<n>` for a second optimizer of
        // a kind, `/pg<n>` or a group's name per parameter group; not its momentum or decay.
        .init(name: "lr-SGD", role: .learningRate),
        .init(name: "lr-AdamW/pg1", role: .learningRate),
        .init(name: "lr-Adam/pg0", role: .learningRate),
        .init(name: "lr-Adam-1", role: .learningRate),
        .init(name: "lr-Adam/backbone", role: .learningRate),
        .init(name: "lr-SGD-momentum", role: nil),
        .init(name: "lr-Adam/pg0-momentum", role: nil),
        .init(name: "lr-AdamW-weight_decay", role: nil),
        .init(name: "lr-", role: nil),
        .init(name: "lr-Adam/pg0/x", role: nil),
        .init(name: "loss_scale", role: .lossScale),
        .init(name: "scaler/scale", role: .lossScale),
        // step phases, with unit suffixes and path prefixes.
        .init(name: "perf/step_time", role: .stepTime),
        .init(name: "step_time_ms", role: .stepTime),
        .init(name: "iter_time", role: .stepTime),
        .init(name: "data_time", role: .dataTime),
        .init(name: "data_loading_time", role: .dataTime),
        .init(name: "forward_time", role: .computeTime),
        .init(name: "backward_time_ms", role: .computeTime),
        .init(name: "tokens_per_second", role: .throughput),
        .init(name: "perf/throughput", role: .throughput),
        .init(name: "mfu", role: .mfu),
        // memory and devices.
        .init(name: "gpu/memory_allocated_gb", role: .gpuMemory),
        .init(name: "gpu_memory_reserved", role: .gpuMemory),
        .init(name: "gpu_mem", role: .gpuMemory),
        .init(name: "memory", role: .gpuMemory),
        .init(name: "memory.used", role: .gpuMemory),
        .init(name: "system.gpu.memoryAllocated", role: .gpuMemory),
        .init(name: "gpu_util", role: .gpuUtil),
        .init(name: "utilization.gpu", role: .gpuUtil),
        .init(name: "system.gpu.gpu", role: .gpuUtil),
        .init(name: "gpu_temp", role: .gpuTemp),
        .init(name: "gpu_power_w", role: .gpuPower),
        // serving.
        .init(name: "latency_ms", role: .latency),
        .init(name: "e2e_latency", role: .latency),
        .init(name: "end_to_end_latency_s", role: .latency),
        .init(name: "ttft_ms", role: .ttft),
        .init(name: "time_to_first_token_ms", role: .ttft),
        .init(name: "inter_token_latency_s", role: .interTokenLatency),
        .init(name: "input_tokens", role: .inputTokens),
        .init(name: "prompt_tokens", role: .inputTokens),
        .init(name: "output_tokens", role: .outputTokens),
        .init(name: "completion_tokens", role: .outputTokens),
        // host and quality.
        .init(name: "cpu_percent", role: .cpuPercent),
        .init(name: "memory_percent", role: .memoryPercent),
        .init(name: "disk_percent", role: .diskPercent),
        .init(name: "system.proc.memory.rssMB", role: .processMemory),
        .init(name: "eval/mmlu", role: .quality),
        .init(name: "hellaswag_accuracy", role: .quality),
        .init(name: "thumbs_up_rate", role: .quality),
        // plain metric names: no role.
        .init(name: "layer4.2.conv3", role: nil),
        .init(name: "d0.loss_cls", role: nil),
        .init(name: "loss_cls", role: nil),
        .init(name: "loss_ce_3", role: nil),
        .init(name: "train_accuracy", role: nil),
        .init(name: "train_loss_epoch", role: nil),
        .init(name: "eval_runtime", role: nil),
        .init(name: "eval/samples_per_second", role: nil),
        .init(name: "eval/step_time", role: nil),
        .init(name: "bbox/AP", role: nil),
        .init(name: "episodic_reward", role: nil),
        .init(name: "memory.total", role: nil),
        // W&B's `system.gpu.N.memory` is the share of time the memory was busy.
        .init(name: "system.gpu.memory", role: nil),
        // nvidia-smi's `utilization.memory [%]` is a busy percentage, not memory in use.
        .init(name: "utilization.memory", role: nil),
        .init(name: "gpu/util/memory_mb", role: nil),
    ]

    @Test(arguments: roles)
    func namesTakeTheirRoles(_ example: RoleCase) {
        #expect(RoleMatcher().role(of: example.name) == example.role)
    }

    struct KindCase: CustomTestStringConvertible, Sendable {
        var name: String
        var kind: FieldKind
        var testDescription: String { name }
    }

    // Step priorities follow the SPEC order "first match wins": step, _step, global_step,
    // iteration, iter, trainer/global_step; time: timestamp, _timestamp, ts, …
    static let kinds: [KindCase] = [
        .init(name: "step", kind: .step(priority: 0)),
        .init(name: "_step", kind: .step(priority: 1)),
        .init(name: "global_step", kind: .step(priority: 2)),
        .init(name: "iteration", kind: .step(priority: 3)),
        .init(name: "iter", kind: .step(priority: 4)),
        .init(name: "trainer/global_step", kind: .step(priority: 5)),
        .init(name: "Step", kind: .step(priority: 0)),
        .init(name: "epoch", kind: .epoch),
        .init(name: "timestamp", kind: .time(priority: 0)),
        .init(name: "TIMESTAMP", kind: .time(priority: 0)),
        .init(name: "_timestamp", kind: .time(priority: 1)),
        .init(name: "ts", kind: .time(priority: 2)),
        .init(name: "time", kind: .timeOrDuration),
        .init(name: "rank", kind: .rank(priority: 0)),
        .init(name: "global_rank", kind: .rank(priority: 1)),
        .init(name: "local_rank", kind: .rank(priority: 2)),
        .init(name: "process_index", kind: .rank(priority: 3)),
        .init(name: "worker", kind: .rank(priority: 4)),
        .init(name: "gpu", kind: .device),
        .init(name: "gpu_id", kind: .device),
        .init(name: "device", kind: .device),
        .init(name: "mode", kind: .mode),
        .init(name: "event", kind: .event),
        .init(name: "message", kind: .event),
        .init(name: "level", kind: .event),
        .init(name: "status", kind: .outcome),
        .init(name: "error", kind: .outcome),
        .init(name: "error_type", kind: .outcome),
        .init(name: "model_version", kind: .version),
        .init(name: "checkpoint", kind: .version),
        .init(name: "_runtime", kind: .ignored),
        .init(name: "eta_seconds", kind: .ignored),
        .init(name: "loss", kind: .metric(.trainLoss)),
        .init(name: "layer4.2.conv3", kind: .metric(nil)),
    ]

    @Test(arguments: kinds)
    func namesTakeTheirKinds(_ example: KindCase) {
        #expect(RoleMatcher().kind(of: example.name) == example.kind)
    }

    struct ScaleCase: CustomTestStringConvertible, Sendable {
        var name: String
        var scale: Double
        var testDescription: String { name }
    }

    // Latencies in milliseconds, step phases in seconds.
    static let scales: [ScaleCase] = [
        .init(name: "latency_ms", scale: 1),
        .init(name: "ttft_s", scale: 1000),
        .init(name: "end_to_end_latency_s", scale: 1000),
        .init(name: "step_time_ms", scale: 0.001),
        .init(name: "data_time", scale: 1),
        .init(name: "loss", scale: 1),
    ]

    @Test(arguments: scales)
    func unitSuffixesGiveTheScale(_ example: ScaleCase) {
        let matcher = RoleMatcher()
        let role = matcher.role(of: example.name)
        #expect(matcher.canonicalScale(of: example.name, role: role) == example.scale)
    }

    /// The part a loss name is of its run's loss; whole losses and detectron2's top-level
    /// `loss_cls` name none.
    @Test func lossPartsNameTheirPart() {
        let matcher = RoleMatcher()
        let parts: [String: String?] = [
            "train/box_loss": "box_loss", "val/box_loss": "box_loss", "Train/Obj-Loss": "obj_loss",
            "train/loss": nil, "total_loss": nil, "loss_cls": nil, "val/val_loss": nil,
            "val/total_loss": nil, "eval/loss": nil, "metrics/x_loss": nil,
        ]
        for (name, part) in parts {
            #expect(matcher.lossPart(of: name) == part, "\(name)")
        }
        let configured = RoleMatcher(extraRoles: [.trainLoss: ["train/box_loss"]])
        #expect(configured.lossPart(of: "train/box_loss") == nil)
    }

    @Test func configuredNamesExtendTheDefaults() {
        let matcher = RoleMatcher(extraRoles: [.trainLoss: ["objective"]])
        #expect(matcher.role(of: "objective") == .trainLoss)
        #expect(matcher.role(of: "train/objective") == .trainLoss)
        #expect(RoleMatcher().role(of: "objective") == nil)
    }

    @Test func normalizingMakesSeparatorsEqual() {
        #expect(RoleMatcher.normalize("Train/Loss.step-Time x") == "train_loss_step_time_x")
    }

    @Test func normalizingLowerCasesLettersBeyondASCIIAndKeepsTheRest() {
        #expect(RoleMatcher.normalize("ÜBER/Größe_Ω@9[Z]") == "über_größe_ω@9[z]")
        #expect(RoleMatcher.normalize("") == "")
    }

    /// A key of a million bytes (a log a tool mangled) is normalized whole; appending a
    /// scalar at a time once copied the whole name each time, and this took minutes.
    @Test func normalizesAMillionByteKey() {
        let name = String(repeating: "Ab/", count: 333_334)
        let normal = RoleMatcher.normalize(name)
        #expect(normal.utf8.count == 1_000_002)
        #expect(normal.hasPrefix("ab_ab_") && normal.hasSuffix("ab_"))
    }
}
