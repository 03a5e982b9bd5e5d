/// The serving scenarios of `runlens synth`: request logs from a model server with known
/// incidents.
///
/// - `serving-clean`: noisy five-minute windows, 0.02% errors, p95 latency near 800 ms.
/// - `serving-slo`: latency about 3.5 times higher for 30 minutes (p95 near 2.8 s).
/// - `serving-errors`: 5% of requests fail with 503 for 30 minutes.
/// - `serving-regression`: the model changes from `v1` to `v2` halfway and `eval/mmlu`
///   drops by 10%.
///
/// `parameters.steps` is the minutes of traffic (at least 120); faults start at a
/// five-minute boundary 40% into the log (halfway for the regression).
public enum ServingScenario {
    /// The scenario names.
    public static let names = [
        "serving-clean", "serving-slo", "serving-errors", "serving-regression",
    ]

    /// The detectors a scenario exercises.
    static let detectorIds = [
        "slo_violation", "error_budget_burn", "error_rate", "quality_regression",
    ]

    /// Minutes a scenario writes at least.
    public static let minimumMinutes = 120

    /// The log and its expected incidents, or `nil` for an unknown name.
    public static func generate(_ name: String, _ parameters: SynthParameters) -> SynthOutput? {
        guard let plan = plan(name, parameters) else { return nil }
        var traffic = ServingTraffic(
            start: plan.start, minutes: plan.minutes, seed: parameters.seed, faults: plan.faults)
        let text = ServingLogWriter.jsonl(traffic.lines())
        var output = SynthOutput(
            files: [(name: "\(name).jsonl", text: text)], expected: plan.expected,
            forbidden: plan.forbidden)
        if parameters.steps < minimumMinutes {
            output.notes = [
                "this scenario needs at least \(minimumMinutes) minutes: wrote \(minimumMinutes)"
            ]
        }
        return output
    }

    /// The traffic and the expectations of a scenario, without writing the log.
    struct Plan {
        var start: Double
        var minutes: Int
        var faults: ServingTraffic.Faults
        var expected: [ExpectedIncident]
        var forbidden: [String]
    }

    static func plan(_ name: String, _ parameters: SynthParameters) -> Plan? {
        let minutes = max(minimumMinutes, parameters.steps)
        let start = (parameters.startTime / 300).rounded(.down) * 300
        let faultStart = start + (Double(minutes) * 0.4 / 5).rounded(.down) * 300
        let stretch = faultStart..<(faultStart + 1800)
        var plan = Plan(
            start: start, minutes: minutes, faults: ServingTraffic.Faults(), expected: [],
            forbidden: detectorIds)

        switch name {
        case "serving-clean":
            break
        case "serving-slo":
            plan.faults.slowdown = (stretch, latency: 4, ttft: 2)
            plan.expected = [expect("slo_violation", .warning, "latency_p95", faultStart, lag: 300)]
            plan.forbidden = ["error_budget_burn", "error_rate", "quality_regression"]
        case "serving-errors":
            plan.faults.errorBurst = (stretch, rate: 0.05, status: 503)
            plan.expected = [
                // The error-rate SLO finding is the same cause: error_rate absorbs it.
                expect("error_rate", .critical, "error_rate", faultStart, lag: 300),
                // 5% errors burn a 0.1% budget 50 times as fast; the 1 h window reaches the
                // 14.4× alert after 14.4/50 of its length, 1,037 s, or sooner while the run
                // is younger than an hour: 18 minutes at most.
                expect("error_budget_burn", .critical, "error_budget", faultStart, lag: 1080),
            ]
            plan.forbidden = ["quality_regression"]
        case "serving-regression":
            let change = start + (Double(minutes) * 0.5 / 10).rounded(.down) * 600
            plan.faults.versionChange = (change, mmluFactor: 0.9)
            plan.expected = [
                expect(
                    "quality_regression", .critical, "eval/mmlu", change,
                    lag: ServingTraffic.evalInterval)
            ]
            plan.forbidden = ["slo_violation", "error_budget_burn", "error_rate"]
        default:
            return nil
        }
        return plan
    }

    private static func expect(
        _ detector: String, _ severity: Severity, _ metric: String, _ time: Double, lag: Double
    ) -> ExpectedIncident {
        ExpectedIncident(
            detector: detector, severity: severity, metric: metric, startTime: time, maxLag: lag)
    }
}
