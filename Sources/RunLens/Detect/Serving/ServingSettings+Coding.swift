extension ServingSettings {
    /// One line per key, for `runlens config --print-defaults`.
    public static let explanations: [String: String] = [
        "slo_enabled": "run slo_violation",
        "burn_enabled": "run error_budget_burn",
        "error_rate_enabled": "run error_rate",
        "quality_enabled": "run quality_regression",
        "window_seconds": "width of the request-statistics windows (seconds)",
        "untimed_window_requests": "requests per window when the log has no timestamps",
        "window_value_cap": "values kept exactly per window and metric; a 0.5% sketch past it",
        "whole_log_value_cap": "values kept exactly for whole-log quantiles; a 0.5% sketch past it",
        "max_versions": "model versions with their own statistics; later ones count as 'other'",
        "slo_latency_p95_ms": "target for the p95 of end-to-end latency (ms)",
        "slo_latency_p99_ms": "target for the p99 of end-to-end latency (ms)",
        "slo_ttft_p95_ms": "target for the p95 of time to first token (ms)",
        "slo_ttft_p99_ms": "target for the p99 of time to first token (ms)",
        "slo_error_rate": "highest share of failed requests per window",
        "slo_availability": "lowest share of successful requests over the whole log",
        "slo_min_requests": "windows with fewer requests are not judged",
        "slo_significance":
            "a window violates only if chance at the target explains it with p below this",
        "slo_latency_severity": "severity of latency and TTFT violations",
        "slo_error_severity": "severity of error-rate and availability violations",
        "slo_merge_gap_windows": "passing windows allowed inside one incident",
        "burn_period_days": "SLO period the error budget covers (days)",
        "burn_windows": "multi-window burn-rate alerts: long and short window, factor, severity",
        "burn_min_failed": "failed requests a burn alert needs in its long window",
        "burn_cooldown_seconds": "burn firings this close belong to one incident (seconds)",
        "error_rate_threshold": "share of failed requests above which error_rate fires",
        "error_rate_min_requests": "windows with fewer requests are not judged by error_rate",
        "error_rate_min_errors": "failed requests error_rate needs in a window",
        "error_rate_severity": "severity of error_rate",
        "error_rate_top_types": "error types named in an error_rate message",
        "quality_ratio": "an eval score below this share of its baseline is a regression",
        "quality_baseline_evals": "first evals averaged into the baseline when none is given",
        "quality_min_consecutive": "consecutive regressed evals needed for an incident",
        "quality_baselines": "baseline per eval metric name (overrides the first evals)",
        "quality_lower_is_better": "name fragments of scores where lower is better",
        "quality_severity": "severity of quality_regression",
    ]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sloEnabled = "slo_enabled"
        case burnEnabled = "burn_enabled"
        case errorRateEnabled = "error_rate_enabled"
        case qualityEnabled = "quality_enabled"
        case windowSeconds = "window_seconds"
        case untimedWindowRequests = "untimed_window_requests"
        case windowValueCap = "window_value_cap"
        case wholeLogValueCap = "whole_log_value_cap"
        case maxVersions = "max_versions"
        case sloLatencyP95Ms = "slo_latency_p95_ms"
        case sloLatencyP99Ms = "slo_latency_p99_ms"
        case sloTtftP95Ms = "slo_ttft_p95_ms"
        case sloTtftP99Ms = "slo_ttft_p99_ms"
        case sloErrorRate = "slo_error_rate"
        case sloAvailability = "slo_availability"
        case sloMinRequests = "slo_min_requests"
        case sloSignificance = "slo_significance"
        case sloLatencySeverity = "slo_latency_severity"
        case sloErrorSeverity = "slo_error_severity"
        case sloMergeGapWindows = "slo_merge_gap_windows"
        case burnPeriodDays = "burn_period_days"
        case burnWindows = "burn_windows"
        case burnMinFailed = "burn_min_failed"
        case burnCooldownSeconds = "burn_cooldown_seconds"
        case errorRateThreshold = "error_rate_threshold"
        case errorRateMinRequests = "error_rate_min_requests"
        case errorRateMinErrors = "error_rate_min_errors"
        case errorRateSeverity = "error_rate_severity"
        case errorRateTopTypes = "error_rate_top_types"
        case qualityRatio = "quality_ratio"
        case qualityBaselineEvals = "quality_baseline_evals"
        case qualityMinConsecutive = "quality_min_consecutive"
        case qualityBaselines = "quality_baselines"
        case qualityLowerIsBetter = "quality_lower_is_better"
        case qualitySeverity = "quality_severity"
    }

    /// Reads the keys a config gives; every other key keeps its default.
    public init(from decoder: Decoder) throws {
        self.init()
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        try keyed.read(&sloEnabled, .sloEnabled)
        try keyed.read(&burnEnabled, .burnEnabled)
        try keyed.read(&errorRateEnabled, .errorRateEnabled)
        try keyed.read(&qualityEnabled, .qualityEnabled)
        try keyed.read(&windowSeconds, .windowSeconds)
        try keyed.read(&untimedWindowRequests, .untimedWindowRequests)
        try keyed.read(&windowValueCap, .windowValueCap)
        try keyed.read(&wholeLogValueCap, .wholeLogValueCap)
        try keyed.read(&maxVersions, .maxVersions)
        try readSLO(keyed)
        try readBurn(keyed)
        try readErrorRate(keyed)
        try readQuality(keyed)
    }

    private mutating func readSLO(_ keyed: KeyedDecodingContainer<CodingKeys>) throws {
        try keyed.read(&sloLatencyP95Ms, .sloLatencyP95Ms)
        try keyed.read(&sloLatencyP99Ms, .sloLatencyP99Ms)
        try keyed.read(&sloTtftP95Ms, .sloTtftP95Ms)
        try keyed.read(&sloTtftP99Ms, .sloTtftP99Ms)
        try keyed.read(&sloErrorRate, .sloErrorRate)
        try keyed.read(&sloAvailability, .sloAvailability)
        try keyed.read(&sloMinRequests, .sloMinRequests)
        try keyed.read(&sloSignificance, .sloSignificance)
        try keyed.read(&sloLatencySeverity, .sloLatencySeverity)
        try keyed.read(&sloErrorSeverity, .sloErrorSeverity)
        try keyed.read(&sloMergeGapWindows, .sloMergeGapWindows)
    }

    private mutating func readBurn(_ keyed: KeyedDecodingContainer<CodingKeys>) throws {
        try keyed.read(&burnPeriodDays, .burnPeriodDays)
        try keyed.read(&burnWindows, .burnWindows)
        try keyed.read(&burnMinFailed, .burnMinFailed)
        try keyed.read(&burnCooldownSeconds, .burnCooldownSeconds)
    }

    private mutating func readErrorRate(_ keyed: KeyedDecodingContainer<CodingKeys>) throws {
        try keyed.read(&errorRateThreshold, .errorRateThreshold)
        try keyed.read(&errorRateMinRequests, .errorRateMinRequests)
        try keyed.read(&errorRateMinErrors, .errorRateMinErrors)
        try keyed.read(&errorRateSeverity, .errorRateSeverity)
        try keyed.read(&errorRateTopTypes, .errorRateTopTypes)
    }

    private mutating func readQuality(_ keyed: KeyedDecodingContainer<CodingKeys>) throws {
        try keyed.read(&qualityRatio, .qualityRatio)
        try keyed.read(&qualityBaselineEvals, .qualityBaselineEvals)
        try keyed.read(&qualityMinConsecutive, .qualityMinConsecutive)
        try keyed.read(&qualityBaselines, .qualityBaselines)
        try keyed.read(&qualityLowerIsBetter, .qualityLowerIsBetter)
        try keyed.read(&qualitySeverity, .qualitySeverity)
    }
}

extension KeyedDecodingContainer {
    /// Overwrites `value` with the key's value when the key is present.
    fileprivate func read<T: Decodable>(_ value: inout T, _ key: Key) throws {
        if let decoded = try decodeIfPresent(T.self, forKey: key) { value = decoded }
    }
}
