/// A figure two runs can be compared on, with the config key that names its rule.
public enum BaselineQuantity: String, CaseIterable, Codable, Sendable {
    case finalTrainLoss = "final_train_loss"
    case bestTrainLoss = "best_train_loss"
    case finalValLoss = "final_val_loss"
    case bestValLoss = "best_val_loss"
    case evalScore = "eval_score"
    case throughput
    case stepTimeMean = "step_time_mean"
    case stepTimeP95 = "step_time_p95"
    case latencyP50 = "latency_p50"
    case latencyP95 = "latency_p95"
    case latencyP99 = "latency_p99"
    case ttftP50 = "ttft_p50"
    case ttftP95 = "ttft_p95"
    case ttftP99 = "ttft_p99"
    case errorRate = "error_rate"

    /// The name a report row gives it (eval scores add the metric's name).
    public var label: String {
        switch self {
        case .finalTrainLoss: return "final train loss"
        case .bestTrainLoss: return "best train loss"
        case .finalValLoss: return "final eval loss"
        case .bestValLoss: return "best eval loss"
        case .evalScore: return "eval score"
        case .throughput: return "throughput"
        case .stepTimeMean: return "step time, mean"
        case .stepTimeP95: return "step time, p95"
        case .latencyP50: return "latency p50"
        case .latencyP95: return "latency p95"
        case .latencyP99: return "latency p99"
        case .ttftP50: return "TTFT p50"
        case .ttftP95: return "TTFT p95"
        case .ttftP99: return "TTFT p99"
        case .errorRate: return "error rate"
        }
    }

    /// The unit its values are written in, or `""`.
    public var unit: String {
        switch self {
        case .stepTimeMean, .stepTimeP95: return "s"
        case .latencyP50, .latencyP95, .latencyP99, .ttftP50, .ttftP95, .ttftP99: return "ms"
        case .errorRate: return "%"
        default: return ""
        }
    }

    /// True when a higher value is worse (losses, times, errors); throughput is better
    /// higher; an eval score's direction comes from its name.
    public var higherIsWorse: Bool {
        self != .throughput
    }

    /// The rule used when a config does not change it (the team's defaults: a final loss 5%
    /// worse, throughput 10% lower, a p99 latency or TTFT 20% higher, an error rate half
    /// again as high and 0.1 point higher each make a warning; the others are only shown).
    public var defaultRule: BaselineRule {
        switch self {
        case .finalTrainLoss, .finalValLoss: return BaselineRule(enabled: true, maxWorsePercent: 5)
        case .bestTrainLoss, .bestValLoss, .evalScore:
            return BaselineRule(enabled: false, maxWorsePercent: 5)
        case .throughput: return BaselineRule(enabled: true, maxWorsePercent: 10)
        case .stepTimeMean: return BaselineRule(enabled: false, maxWorsePercent: 10)
        case .latencyP99, .ttftP99: return BaselineRule(enabled: true, maxWorsePercent: 20)
        case .stepTimeP95, .latencyP50, .latencyP95, .ttftP50, .ttftP95:
            return BaselineRule(enabled: false, maxWorsePercent: 20)
        case .errorRate:
            return BaselineRule(enabled: true, maxWorsePercent: 50, minWorseChange: 0.1)
        }
    }
}

/// When a change against the baseline is a regression worth an incident.
public struct BaselineRule: Codable, Sendable, Equatable {
    /// Raise an incident when the rule is broken (the row is shown either way).
    public var enabled: Bool
    /// Severity of the incident.
    public var severity: Severity
    /// Worse by more than this percentage of the baseline value breaks the rule.
    public var maxWorsePercent: Double
    /// And worse by more than this, in the quantity's own unit (percentage points for the
    /// error rate), so a change from 0.01% to 0.02% is not a regression.
    public var minWorseChange: Double

    /// Creates a rule.
    public init(
        enabled: Bool, severity: Severity = .warning, maxWorsePercent: Double,
        minWorseChange: Double = 0
    ) {
        self.enabled = enabled
        self.severity = severity
        self.maxWorsePercent = maxWorsePercent
        self.minWorseChange = minWorseChange
    }

    /// True when a change `worseBy` (in the unit, ≥ 0) that is `worsePercent` of the
    /// baseline breaks the rule.
    public func isBroken(worseBy: Double, worsePercent: Double) -> Bool {
        worsePercent > maxWorsePercent && worseBy > minWorseChange
    }
}
