import Testing

@testable import RunLens

/// Every range a config number must lie in is said the same way: the key, `expected a
/// number ...`, and the value as the file wrote it.
struct ConfigRangeTests {
    @Test(arguments: [
        (
            #"{"serving": {"slo_violation": {"error_rate": 0}}}"#,
            "'serving.slo_violation.error_rate': expected a number above 0 and below 1, got 0"
        ),
        (
            #"{"serving": {"error_rate": {"threshold": 1e0}}}"#,
            "'serving.error_rate.threshold': expected a number above 0 and below 1, got 1e0"
        ),
        (
            #"{"serving": {"slo_violation": {"latency_p95_ms": 0.0}}}"#,
            "'serving.slo_violation.latency_p95_ms': expected a number above 0, got 0.0"
        ),
        (
            #"{"serving": {"error_budget_burn": {"period_days": 0}}}"#,
            "'serving.error_budget_burn.period_days': expected a number above 0, got 0"
        ),
        (
            #"{"serving": {"request_statistics": {"max_versions": 0}}}"#,
            "'serving.request_statistics.max_versions': expected a number of at least 1, got 0"
        ),
        (
            #"{"serving": {"quality_regression": {"min_consecutive": 0}}}"#,
            "'serving.quality_regression.min_consecutive': expected a number of at least 1, "
                + "got 0"
        ),
        (
            #"{"windows": {"seconds": 1E-4}}"#,
            "'windows.seconds': expected a number of at least 0.001, got 1E-4"
        ),
        (
            #"{"training": {"loss_spike": {"window": 1e16}}}"#,
            "'training.loss_spike.window': expected a number of at most 1e15, got 1e16"
        ),
        (
            #"{"serving": {"error_budget_burn": {"windows": [{"factor": 1, "long_seconds": 60, "#
                + #""short_seconds": 300, "severity": "warning"}]}}}"#,
            "'serving.error_budget_burn.windows': 1m/5m: the long window must cover the short one"
        ),
    ])
    func rangesAreSaidTheSameWayForEveryKey(text: String, message: String) {
        do {
            _ = try ConfigLoader.parse(text, path: "c.json")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description == "config 'c.json': " + message)
        }
    }

    @Test(arguments: [
        (1e16, "1e16"), (1e15, "1000000000000000"), (2e15, "2000000000000000"),
        (0.001, "0.001"), (2.5e-5, "2.5e-5"), (1e300, "1e300"), (-3, "-3"), (1.5, "1.5"),
    ])
    func plainNumbersHaveNoPlusSignOrTrailingZero(value: Double, text: String) {
        #expect(ConfigShape.plain(value) == text)
    }
}
