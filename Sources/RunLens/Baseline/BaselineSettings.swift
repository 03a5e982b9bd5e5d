/// The config file's `baseline` section: the rules of `baseline_regression`, which compares
/// a run with an earlier one given by `--baseline`. One object per quantity, each with
/// `enabled`, `severity`, `max_worse_percent` and `min_worse_change`; `enabled` at the top
/// turns every rule off at once. Without `--baseline` nothing is compared.
public struct BaselineSettings: Codable, Sendable, Equatable {
    /// Raise `baseline_regression` incidents at all.
    public var enabled = true
    /// The rule of each quantity.
    public var rules: [BaselineQuantity: BaselineRule]

    /// The defaults.
    public init() {
        rules = Dictionary(
            uniqueKeysWithValues: BaselineQuantity.allCases.map { ($0, $0.defaultRule) })
    }

    /// The rule for `quantity`.
    public func rule(_ quantity: BaselineQuantity) -> BaselineRule {
        rules[quantity] ?? quantity.defaultRule
    }

    private enum RuleKeys: String, CodingKey {
        case enabled, severity
        case maxWorsePercent = "max_worse_percent"
        case minWorseChange = "min_worse_change"
    }

    /// Reads the keys a config gives; every other key keeps its default.
    public init(from decoder: Decoder) throws {
        self.init()
        let top = try decoder.container(keyedBy: SettingKey.self)
        enabled = try top.decodeIfPresent(Bool.self, forKey: SettingKey("enabled")) ?? enabled
        for quantity in BaselineQuantity.allCases where top.contains(SettingKey(quantity.rawValue))
        {
            let object = try top.nestedContainer(
                keyedBy: RuleKeys.self, forKey: SettingKey(quantity.rawValue))
            var rule = rule(quantity)
            rule.enabled = try object.value(.enabled, or: rule.enabled)
            rule.severity = try object.value(.severity, or: rule.severity)
            rule.maxWorsePercent = try object.value(.maxWorsePercent, or: rule.maxWorsePercent)
            rule.minWorseChange = try object.value(.minWorseChange, or: rule.minWorseChange)
            rules[quantity] = rule
        }
    }

    /// Writes `enabled` and every quantity's rule.
    public func encode(to encoder: Encoder) throws {
        var top = encoder.container(keyedBy: SettingKey.self)
        try top.encode(enabled, forKey: SettingKey("enabled"))
        for quantity in BaselineQuantity.allCases {
            let rule = rule(quantity)
            var object = top.nestedContainer(
                keyedBy: RuleKeys.self, forKey: SettingKey(quantity.rawValue))
            try object.encode(rule.enabled, forKey: .enabled)
            try object.encode(rule.severity, forKey: .severity)
            try object.encode(rule.maxWorsePercent, forKey: .maxWorsePercent)
            try object.encode(rule.minWorseChange, forKey: .minWorseChange)
        }
    }

    /// One line per key, for `runlens config --print-defaults`.
    public static var explanations: [String: String] {
        var lines = [
            "enabled":
                "raise baseline_regression incidents when --baseline is given (the comparison "
                + "table is written either way)"
        ]
        for quantity in BaselineQuantity.allCases {
            let name = quantity.rawValue
            lines[name] = what(quantity)
            lines[name + ".enabled"] = "raise an incident when \(quantity.label) breaks the rule"
            lines[name + ".severity"] = "severity of that incident"
            lines[name + ".max_worse_percent"] =
                "worse than the baseline by more than this % of its value breaks the rule"
            lines[name + ".min_worse_change"] =
                "and worse by more than this, in \(unitWords(quantity))"
        }
        return lines
    }

    private static func what(_ quantity: BaselineQuantity) -> String {
        switch quantity {
        case .finalTrainLoss, .finalValLoss:
            return "\(quantity.label): the last value, mean over the ranks at the last step"
        case .bestTrainLoss, .bestValLoss: return "\(quantity.label): the lowest value logged"
        case .evalScore:
            return "each eval score's last value; lower is better for names in "
                + "serving.quality_regression.lower_is_better"
        case .throughput:
            return "training: the throughput metric's mean, summed over ranks (same metric "
                + "name in both runs); serving: output tokens/s, else requests/s"
        case .stepTimeMean, .stepTimeP95: return "\(quantity.label) over the run, seconds"
        case .errorRate: return "failed requests over requests, in %"
        default: return "\(quantity.label) of successful requests over the run, ms"
        }
    }

    private static func unitWords(_ quantity: BaselineQuantity) -> String {
        switch quantity.unit {
        case "%": return "percentage points"
        case "": return "the metric's unit"
        case let unit: return unit
        }
    }
}
