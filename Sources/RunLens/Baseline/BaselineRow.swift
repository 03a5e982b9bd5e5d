/// How one figure changed against the baseline.
public enum BaselineVerdict: String, Codable, Sendable {
    /// Better than the baseline.
    case better
    /// Within 0.05% of it.
    case unchanged
    /// Worse, within the rule's limit or with no rule.
    case worse
    /// Worse beyond an enabled rule's limit: an incident.
    case regression
    /// One of the values is NaN or infinite.
    case notComparable = "not_comparable"
}

/// One row of the comparison: a figure in both runs and how it changed.
public struct BaselineRow: Codable, Sendable, Equatable {
    /// What is compared.
    public var quantity: BaselineQuantity
    /// The series it came from (`loss`, `tokens_per_second`, an eval score's name), or the
    /// quantity's key for request figures.
    public var metric: String
    /// The baseline's value and this run's, in the quantity's unit.
    public var baseline: Double
    public var value: Double
    /// `(value − baseline) / |baseline|` in percent; absent when the baseline is 0 (and the
    /// value not) or a value is not finite.
    public var changePercent: Double?
    /// True when a higher value is worse.
    public var higherIsWorse: Bool
    /// Better, unchanged, worse or a regression.
    public var verdict: BaselineVerdict
    /// The rule's limit in percent, when its rule is enabled.
    public var maxWorsePercent: Double?
    /// The rule's least absolute worsening, when its rule is enabled and sets one.
    public var minWorseChange: Double?
    /// The worst value the rule allows, when its rule is enabled.
    public var limit: Double?
    /// The incident's severity, for a regression.
    public var severity: Severity?

    /// Judges `value` against `baseline` under `rule` (`nil`: no rule applies).
    public init(
        quantity: BaselineQuantity, metric: String, baseline: Double, value: Double,
        higherIsWorse: Bool, rule: BaselineRule?
    ) {
        self.quantity = quantity
        self.metric = metric
        self.baseline = baseline
        self.value = value
        self.higherIsWorse = higherIsWorse
        if let rule, rule.enabled {
            maxWorsePercent = rule.maxWorsePercent
            minWorseChange = rule.minWorseChange > 0 ? rule.minWorseChange : nil
            limit = Self.limit(baseline, rule, higherIsWorse: higherIsWorse)
        }
        guard baseline.isFinite, value.isFinite else {
            verdict = .notComparable
            return
        }

        let change = value - baseline
        if baseline != 0 {
            changePercent = change / abs(baseline) * 100
        } else if change == 0 {
            changePercent = 0
        }
        let worseBy = higherIsWorse ? change : -change
        let worsePercent = changePercent.map(abs) ?? .infinity
        if let rule, rule.enabled, worseBy > 0,
            rule.isBroken(worseBy: worseBy, worsePercent: worsePercent)
        {
            verdict = .regression
            severity = rule.severity
        } else if change == 0 || worsePercent < 0.05 {
            verdict = .unchanged
        } else {
            verdict = worseBy > 0 ? .worse : .better
        }
    }

    /// The worst value `rule` allows against `baseline`.
    static func limit(_ baseline: Double, _ rule: BaselineRule, higherIsWorse: Bool) -> Double {
        let byPercent = abs(baseline) * rule.maxWorsePercent / 100
        let allowed = max(byPercent, rule.minWorseChange)
        return higherIsWorse ? baseline + allowed : baseline - allowed
    }
}
