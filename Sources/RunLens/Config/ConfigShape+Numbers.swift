import Foundation

/// The ranges config numbers must lie in, and the words that say so.
extension ConfigShape {
    /// Keys whose numbers must be above zero; every other number must be zero or more.
    static let positiveKeys: Set<String> = [
        "windows.seconds", "windows.steps", "serving.request_statistics.window_seconds",
        "serving.slo_violation.latency_p95_ms", "serving.slo_violation.latency_p99_ms",
        "serving.slo_violation.ttft_p95_ms", "serving.slo_violation.ttft_p99_ms",
        "serving.error_budget_burn.period_days", "serving.quality_regression.ratio",
        "fleet.memory_growth.gpu_memory_capacity",
    ]

    /// Keys whose numbers are shares strictly between 0 and 1 (an availability of 1 leaves
    /// no error budget, a significance of 0 never fires).
    static let fractionKeys: Set<String> = [
        "serving.slo_violation.error_rate", "serving.slo_violation.availability",
        "serving.slo_violation.significance", "serving.error_rate.threshold",
        "serving.error_rate.significance",
    ]

    /// Keys whose numbers are shares from 0 to 1, both ends taken (a share of updates skipped:
    /// above 1 no span could reach it).
    static let shareKeys: Set<String> = ["training.loss_scale_collapse.min_skipped_share"]

    /// Keys that size what a detector holds from the start, per series (a ring of that many
    /// points or window means): far above the defaults, and a run of many ranks still fits.
    static let heldKeys: Set<String> = [
        "training.loss_spike.window", "training.grad_explosion.window",
        "training.divergence.rising_lookback", "training.divergence.sustain",
        "training.throughput_drop.window_points", "training.throughput_drop.baseline_windows",
        "fleet.memory_growth.target_windows",
    ]

    /// The most values a key of ``heldKeys`` may ask a detector to hold.
    static let mostHeld = 100_000.0

    /// The smallest values of some keys: time windows of a millisecond, as `--window`
    /// (below it the window indexes of epoch times are no longer exact), and counts that
    /// need at least one request, value or evaluation.
    static let minimums: [String: Double] = [
        "windows.seconds": 0.001, "serving.request_statistics.window_seconds": 0.001,
        "serving.request_statistics.untimed_window_requests": 1,
        "serving.request_statistics.window_value_cap": 1,
        "serving.request_statistics.whole_log_value_cap": 1,
        "serving.request_statistics.max_versions": 1,
        "serving.quality_regression.baseline_evals": 1,
        "serving.quality_regression.min_consecutive": 1,
    ]

    /// The largest number any setting takes. Counts, steps and seconds above it mean nothing
    /// in a log, and release builds convert and add them without overflow checks: a window
    /// of `Int.max` steps or seconds would wrap around instead of failing.
    static let largest = 1e15

    /// Checks a number a setting takes: held apart from zero, in the key's range, and whole
    /// where the setting counts.
    func checkNumber(_ value: Any, at key: ConfigKeyPath) throws(ConfigError) {
        try checkHeldApart(value, at: key)
        guard let number = (value as? NSNumber)?.doubleValue else { return }
        try checkRange(number, at: key, got: describe(value, at: key))
        if number.rounded(.towardZero) != number, takesWholeNumbers(key) {
            throw error(at: key, "expected a whole number, got \(describe(value, at: key))")
        }
    }

    /// A number written with digits that a double cannot hold apart from 0 (`1e-400`):
    /// the settings' decoder refuses it where the setting takes fractions.
    func checkHeldApart(_ value: Any, at key: ConfigKeyPath) throws(ConfigError) {
        guard (value as? NSNumber)?.doubleValue == 0, let text = literals?[key],
            Self.hasNonZeroDigit(text), !takesWholeNumbers(key)
        else { return }
        throw error(
            at: key, "expected 0 or a number of at least 5e-324 in size, got \(text)")
    }

    /// No setting takes a negative number (a threshold of -5 ms would flag everything), a
    /// window must have a size, and no setting exceeds ``largest``.
    private func checkRange(_ number: Double, at key: ConfigKeyPath, got: String)
        throws(ConfigError)
    {
        let name = key.description
        if Self.fractionKeys.contains(name), !(number > 0 && number < 1) {
            throw error(at: key, "expected a number above 0 and below 1, got \(got)")
        }
        if Self.shareKeys.contains(name), !(number >= 0 && number <= 1) {
            throw error(at: key, "expected a number from 0 to 1, got \(got)")
        }
        let positive = Self.positiveKeys.contains(name)
        guard number.isFinite, positive ? number > 0 : number >= 0 else {
            let wanted = positive ? "a number above 0" : "a number of 0 or more"
            throw error(at: key, "expected \(wanted), got \(got)")
        }
        guard number <= Self.largest else {
            throw error(at: key, "expected a number of at most 1e15, got \(got)")
        }
        if Self.heldKeys.contains(name), number > Self.mostHeld {
            throw error(
                at: key,
                "expected a number of at most 100000 (values held in memory), got \(got)")
        }
        if let minimum = Self.minimums[name], number < minimum {
            throw error(at: key, "expected a number of at least \(Self.plain(minimum)), got \(got)")
        }
    }

    /// Whether the digits before the exponent of a JSON number are not all zeros.
    private static func hasNonZeroDigit(_ text: String) -> Bool {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        return mantissa.contains { $0.isNumber && $0 != "0" }
    }

    /// `value` in the shortest plain form: whole numbers below 1e16 in digits, others as
    /// Swift's shortest decimal without a `+` or leading zeros in the exponent (`1e16`).
    static func plain(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e16 { return String(Int64(value)) }
        let text = value.description
        guard let e = text.firstIndex(of: "e") else { return text }
        var exponent = text[text.index(after: e)...]
        let sign = exponent.first == "-" ? "-" : ""
        exponent = exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
        return text[..<e] + "e" + sign + exponent
    }
}
