/// What a metric measures, so detectors know which series to look at.
///
/// Names map to roles through `RoleMatcher`; the defaults below follow the source
/// document and the names common training and serving tools write.
public enum MetricRole: String, CaseIterable, Codable, Sendable {
    case trainLoss = "train_loss"
    case valLoss = "val_loss"
    case gradNorm = "grad_norm"
    case learningRate = "learning_rate"
    case lossScale = "loss_scale"
    case stepTime = "step_time"
    case dataTime = "data_time"
    case computeTime = "compute_time"
    case throughput
    case mfu
    case gpuMemory = "gpu_memory"
    case processMemory = "process_memory"
    case gpuUtil = "gpu_util"
    case gpuTemp = "gpu_temp"
    case gpuPower = "gpu_power"
    case latency
    case ttft
    case interTokenLatency = "inter_token_latency"
    case inputTokens = "input_tokens"
    case outputTokens = "output_tokens"
    case cpuPercent = "cpu_percent"
    case memoryPercent = "memory_percent"
    case diskPercent = "disk_percent"
    case quality

    /// The names that take this role by default, compared after `RoleMatcher.normalize`.
    public var defaultNames: [String] {
        switch self {
        case .trainLoss:
            // Megatron-LM's `lm loss`, NeMo's `reduced_train_loss`, TensorBoard's `Loss/train`.
            return [
                "train_loss", "loss", "total_loss", "train/loss", "main/loss", "training_loss",
                "lm loss", "reduced_train_loss", "loss/train",
            ]
        case .valLoss:
            return [
                "val_loss", "eval_loss", "valid_loss", "eval/loss", "val/loss",
                "validation/main/loss", "validation_loss", "test_loss", "lm loss validation",
                "loss/val", "loss/valid", "loss/validation",
            ]
        case .gradNorm: return ["gradient_norm", "grad_norm", "train/grad_norm"]
        case .learningRate: return ["learning_rate", "lr", "train/lr", "train_lr"]
        case .lossScale: return ["gradient_scale", "loss_scale", "scaler/scale"]
        case .stepTime:
            // Megatron-LM's `iteration-time`, NeMo's `train_step_timing`.
            return [
                "step_time", "iter_time", "time_this_iter", "iteration_time", "train_step_timing",
            ]
        case .dataTime: return ["data_loading_time", "data_time", "data_load_time"]
        case .computeTime: return ["forward_time", "backward_time", "optimizer_time"]
        case .throughput:
            return ["tokens_per_second", "tokens_per_sec", "samples_per_second", "throughput"]
        case .mfu: return ["mfu"]
        case .gpuMemory:
            return [
                "gpu_memory_allocated", "gpu_memory_reserved", "gpu_mem_used", "gpu_mem",
                "memory_allocated", "memory", "gpu_memory", "memory_used", "max_mem",
            ]
        case .processMemory:
            return ["rss", "rss_mb", "system/proc/memory/rssmb", "process_memory"]
        case .gpuUtil: return ["gpu_util", "utilization_gpu", "gpu_utilization"]
        case .gpuTemp: return ["gpu_temp", "temperature_gpu"]
        case .gpuPower: return ["gpu_power_w", "gpu_power", "power_draw"]
        case .latency:
            return [
                "latency_ms", "latency_s", "latency", "e2e_latency", "end_to_end_latency",
                "request_latency",
            ]
        case .ttft: return ["time_to_first_token_ms", "ttft_ms", "ttft", "time_to_first_token"]
        case .interTokenLatency: return ["inter_token_latency", "itl", "tpot"]
        case .inputTokens:
            return [
                "input_tokens", "prompt_tokens", "number_input_tokens", "input_length",
                "contexttokens",
            ]
        case .outputTokens:
            return [
                "output_tokens", "completion_tokens", "number_output_tokens", "output_length",
                "generatedtokens",
            ]
        case .cpuPercent: return ["cpu_percent", "system/cpu"]
        case .memoryPercent: return ["memory_percent", "system/memory"]
        case .diskPercent: return ["disk_percent", "system/disk"]
        case .quality: return ["thumbs_up_rate", "regeneration_rate", "eval_accuracy"]
        }
    }

    /// True for roles whose series are compared across ranks in `ranks.csv`.
    public var isPerRankWork: Bool {
        switch self {
        case .stepTime, .dataTime, .computeTime, .throughput, .mfu: return true
        default: return false
        }
    }
}
