/// Every threshold of the serving detectors (`slo_violation`, `error_budget_burn`,
/// `error_rate`, `quality_regression`) and of the request statistics they read.
///
/// Defaults follow the source document (p95 ≤ 2000 ms, p99 ≤ 5000 ms, error rate ≤ 0.1%,
/// availability ≥ 99.9%, errors > 1% critical, quality < 95% of baseline critical) and
/// the SRE Workbook's burn rates. A config may give any subset of the keys.
public struct ServingSettings: Codable, Sendable, Equatable {
    /// Run `slo_violation`.
    public var sloEnabled = true
    /// Run `error_budget_burn`.
    public var burnEnabled = true
    /// Run `error_rate`.
    public var errorRateEnabled = true
    /// Run `quality_regression`.
    public var qualityEnabled = true

    /// Width of the request-statistics windows, in seconds.
    public var windowSeconds: Double = 300
    /// Requests per window for logs without timestamps (LLMPerf results).
    public var untimedWindowRequests = 50
    /// Values kept exactly per window and metric; past it, quantiles come from a sketch
    /// with ≤ 0.5% relative error.
    public var windowValueCap = 2000
    /// Values kept exactly for whole-log quantiles; past it, a sketch (≤ 0.5% error).
    public var wholeLogValueCap = 100_000
    /// Model versions given their own statistics; later ones are counted as `other`.
    public var maxVersions = 8

    /// Target for the p95 of end-to-end latency, ms.
    public var sloLatencyP95Ms: Double = 2000
    /// Target for the p99 of end-to-end latency, ms.
    public var sloLatencyP99Ms: Double = 5000
    /// Target for the p95 of time to first token, ms.
    public var sloTtftP95Ms: Double = 1000
    /// Target for the p99 of time to first token, ms.
    public var sloTtftP99Ms: Double = 5000
    /// Highest acceptable share of failed requests per window.
    public var sloErrorRate = 0.001
    /// Lowest acceptable share of successful requests over the whole log.
    public var sloAvailability = 0.999
    /// Windows with fewer requests are not judged.
    public var sloMinRequests = 20
    /// A window violates only when chance at the target explains its excess with
    /// probability below this (one-sided binomial test), so noisy windows do not fire.
    public var sloSignificance = 0.001
    /// Severity of latency and TTFT violations.
    public var sloLatencySeverity = Severity.warning
    /// Severity of error-rate and availability violations.
    public var sloErrorSeverity = Severity.critical
    /// Passing windows allowed inside one incident before it is split in two.
    public var sloMergeGapWindows = 1

    /// The SLO period the error budget is defined over, days.
    public var burnPeriodDays: Double = 30
    /// The multi-window alerts; both windows must exceed the factor.
    public var burnWindows = BurnWindow.workbookDefaults
    /// A burn alert needs at least this many failed requests in its long window.
    public var burnMinFailed = 10
    /// Firings this close (seconds) belong to one incident.
    public var burnCooldownSeconds: Double = 900

    /// Share of failed requests above which `error_rate` fires.
    public var errorRateThreshold = 0.01
    /// Windows with fewer requests are not judged by `error_rate`.
    public var errorRateMinRequests = 20
    /// `error_rate` needs at least this many failed requests in a window.
    public var errorRateMinErrors = 3
    /// A window breaks `error_rate` only when chance at the threshold rate
    /// explains its failures with probability below this (one-sided binomial test), so a
    /// steady rate just under the threshold does not fire in the windows noise lifts over it.
    public var errorRateSignificance = 0.01
    /// Severity of `error_rate`.
    public var errorRateSeverity = Severity.critical
    /// Error types named in an `error_rate` message.
    public var errorRateTopTypes = 3

    /// An eval score below this share of its baseline is a regression.
    public var qualityRatio = 0.95
    /// Evals averaged into the baseline when no baseline is given.
    public var qualityBaselineEvals = 3
    /// Consecutive regressed evals needed for an incident.
    public var qualityMinConsecutive = 2
    /// Baselines by metric name (from a config or an earlier `summary.json`).
    public var qualityBaselines: [String: Double] = [:]
    /// Name fragments of scores where lower is better (perplexity, regeneration rate).
    public var qualityLowerIsBetter = ["perplexity", "ppl", "regeneration", "wer", "cer", "error"]
    /// Severity of `quality_regression`.
    public var qualitySeverity = Severity.critical

    /// The defaults.
    public init() {}

    /// The share of requests the SLO allows to fail: `1 − availability`.
    public var budgetFraction: Double { 1 - sloAvailability }

    /// What is wrong with these values, one sentence each; empty when they are usable.
    public var problems: [String] {
        var found: [String] = []
        let positive: [(String, Double)] = [
            ("request_statistics.window_seconds", windowSeconds),
            ("slo_violation.latency_p95_ms", sloLatencyP95Ms),
            ("slo_violation.latency_p99_ms", sloLatencyP99Ms),
            ("slo_violation.ttft_p95_ms", sloTtftP95Ms),
            ("slo_violation.ttft_p99_ms", sloTtftP99Ms),
            ("error_budget_burn.period_days", burnPeriodDays),
            ("quality_regression.ratio", qualityRatio),
        ]
        for (key, value) in positive where !(value > 0 && value.isFinite) {
            found.append("\(key) must be a positive number")
        }
        let fractions: [(String, Double)] = [
            ("slo_violation.error_rate", sloErrorRate),
            ("slo_violation.availability", sloAvailability),
            ("slo_violation.significance", sloSignificance),
            ("error_rate.threshold", errorRateThreshold),
            ("error_rate.significance", errorRateSignificance),
        ]
        for (key, value) in fractions where !(value > 0 && value < 1) {
            found.append("\(key) must be between 0 and 1")
        }
        let counts: [(String, Int)] = [
            ("request_statistics.untimed_window_requests", untimedWindowRequests),
            ("request_statistics.window_value_cap", windowValueCap),
            ("request_statistics.whole_log_value_cap", wholeLogValueCap),
            ("request_statistics.max_versions", maxVersions),
            ("quality_regression.baseline_evals", qualityBaselineEvals),
            ("quality_regression.min_consecutive", qualityMinConsecutive),
        ]
        for (key, value) in counts where value < 1 { found.append("\(key) must be at least 1") }
        for window in burnWindows
        where !(window.shortSeconds > 0 && window.longSeconds >= window.shortSeconds) {
            found.append(
                "error_budget_burn.windows \(window.label): the long window must cover the "
                    + "short one"
            )
        }
        return found
    }
}
