/// The config file's `serving` section: `request_statistics` for the windows and caps every
/// serving detector reads, then one object per detector id (`slo_violation`,
/// `error_budget_burn`, `error_rate`, `quality_regression`); snake_case keys.
extension ServingSettings {
    /// Every key of the section, with the property it sets and its explanation.
    static var fields: [SettingField<ServingSettings>] {
        requestStatistics + slo + burn + errorRate + quality
    }

    /// Reads the keys a config gives; every other key keeps its default.
    public init(from decoder: Decoder) throws {
        self.init()
        try SettingField.decode(Self.fields, into: &self, from: decoder)
    }

    /// Writes every key, in its detector's object.
    public func encode(to encoder: Encoder) throws {
        try SettingField.encode(Self.fields, of: self, to: encoder)
    }

    /// One line per key, keyed `detector.key`, for `runlens config --print-defaults`.
    public static var explanations: [String: String] { SettingField.explanations(fields) }

    private typealias Field = SettingField<ServingSettings>

    private static var requestStatistics: [Field] {
        let group = "request_statistics"
        return [
            Field(
                group, "window_seconds", \.windowSeconds,
                "width of the request-statistics windows (seconds)"),
            Field(
                group, "untimed_window_requests", \.untimedWindowRequests,
                "requests per window when the log has no timestamps"),
            Field(
                group, "window_value_cap", \.windowValueCap,
                "values kept exactly per window and metric; a 0.5% sketch past it"),
            Field(
                group, "whole_log_value_cap", \.wholeLogValueCap,
                "values kept exactly for whole-log quantiles; a 0.5% sketch past it"),
            Field(
                group, "max_versions", \.maxVersions,
                "model versions with their own statistics; later ones count as 'other'"),
        ]
    }

    private static var slo: [Field] {
        let group = "slo_violation"
        return [
            Field(group, "enabled", \.sloEnabled, "run slo_violation"),
            Field(
                group, "latency_p95_ms", \.sloLatencyP95Ms,
                "target for the p95 of end-to-end latency (ms)"),
            Field(
                group, "latency_p99_ms", \.sloLatencyP99Ms,
                "target for the p99 of end-to-end latency (ms)"),
            Field(
                group, "ttft_p95_ms", \.sloTtftP95Ms,
                "target for the p95 of time to first token (ms)"),
            Field(
                group, "ttft_p99_ms", \.sloTtftP99Ms,
                "target for the p99 of time to first token (ms)"),
            Field(
                group, "error_rate", \.sloErrorRate, "highest share of failed requests per window"),
            Field(
                group, "availability", \.sloAvailability,
                "lowest share of successful requests over the whole log"),
            Field(
                group, "min_requests", \.sloMinRequests,
                "windows with fewer requests are not judged"),
            Field(
                group, "significance", \.sloSignificance,
                "a window violates only if chance at the target explains it with p below this"),
            Field(
                group, "latency_severity", \.sloLatencySeverity,
                "severity of latency and TTFT violations"),
            Field(
                group, "error_severity", \.sloErrorSeverity,
                "severity of error-rate and availability violations"),
            Field(
                group, "merge_gap_windows", \.sloMergeGapWindows,
                "passing windows allowed inside one incident"),
        ]
    }

    private static var burn: [Field] {
        let group = "error_budget_burn"
        return [
            Field(group, "enabled", \.burnEnabled, "run error_budget_burn"),
            Field(
                group, "period_days", \.burnPeriodDays,
                "SLO period the error budget covers (days)"),
            Field(
                group, "windows", \.burnWindows,
                "multi-window burn-rate alerts: long and short window, factor, severity"),
            Field(
                group, "min_failed", \.burnMinFailed,
                "failed requests a burn alert needs in its long window"),
            Field(
                group, "cooldown", \.burnCooldownSeconds,
                "burn firings this close belong to one incident (seconds)"),
        ]
    }

    private static var errorRate: [Field] {
        let group = "error_rate"
        return [
            Field(group, "enabled", \.errorRateEnabled, "run error_rate"),
            Field(group, "severity", \.errorRateSeverity, "severity of error_rate"),
            Field(
                group, "threshold", \.errorRateThreshold,
                "share of failed requests above which error_rate fires"),
            Field(
                group, "min_requests", \.errorRateMinRequests,
                "windows with fewer requests are not judged by error_rate"),
            Field(
                group, "min_errors", \.errorRateMinErrors,
                "failed requests error_rate needs in a window"),
            Field(
                group, "significance", \.errorRateSignificance,
                "a window fires only if chance at the threshold explains it with p below this"),
            Field(
                group, "top_types", \.errorRateTopTypes,
                "error types named in an error_rate message"),
        ]
    }

    private static var quality: [Field] {
        let group = "quality_regression"
        return [
            Field(group, "enabled", \.qualityEnabled, "run quality_regression"),
            Field(group, "severity", \.qualitySeverity, "severity of quality_regression"),
            Field(
                group, "ratio", \.qualityRatio,
                "an eval score below this share of its baseline is a regression"),
            Field(
                group, "baseline_evals", \.qualityBaselineEvals,
                "first evals averaged into the baseline when none is given"),
            Field(
                group, "min_consecutive", \.qualityMinConsecutive,
                "consecutive regressed evals needed for an incident"),
            Field(
                group, "baselines", \.qualityBaselines,
                "baseline per eval metric name (overrides the first evals and --baseline)"),
            Field(
                group, "lower_is_better", \.qualityLowerIsBetter,
                "name fragments of scores where lower is better"),
        ]
    }
}
