import Foundation
import Testing

@testable import RunLens

struct ServingScenarioTests {
    /// Runs the serving detectors over a scenario's traffic, fed as requests and eval points
    /// (the end-to-end tests read the written JSON Lines instead), and builds the incidents
    /// as a report would.
    private func analyze(_ name: String, seed: UInt64, minutes: Int) throws -> (
        [Incident], ServingScenario.Plan
    ) {
        var parameters = SynthParameters()
        parameters.seed = seed
        parameters.steps = minutes
        let plan = try #require(ServingScenario.plan(name, parameters))
        var traffic = ServingTraffic(
            start: plan.start, minutes: plan.minutes, seed: seed, faults: plan.faults)

        let monitor = ServingMonitor()
        let quality = QualityRegressionDetector()
        for name in ["eval/mmlu", "thumbs_up_rate"] {
            let info = FieldInfo(rawName: name, matcher: RoleMatcher())
            quality.seriesCreated(
                SeriesDescriptor(
                    key: SeriesKey(field: 0, rank: -1, device: -1), info: info, axis: .time))
        }
        for (index, line) in traffic.lines().enumerated() {
            switch line {
            case .request(let request):
                monitor.observeRequest(sample(request, line: Int32(index + 1)))
            case .eval(let eval):
                for (series, value) in [eval.mmlu, eval.thumbsUp].enumerated() {
                    let point = Point(
                        step: .nan, time: eval.time, value: value, line: Int32(index + 1), file: 0)
                    quality.observe(series: series, point: point)
                }
            }
        }
        monitor.finish()
        quality.finish()
        let incidents =
            monitor.incidents(in: ServingSamples.context)
            + quality.incidents(in: ServingSamples.context)
        return (DetectorSuite().builder.build(incidents), plan)
    }

    private func sample(_ request: ServingTraffic.Request, line: Int32) -> RequestSample {
        RequestSample(
            time: request.time,
            outcome: request.status >= 400 ? .error(type: String(request.status)) : .ok,
            version: request.version, line: line, latencyMs: request.latencyMs,
            ttftMs: request.ttftMs ?? .nan,
            inputTokens: Double(request.inputTokens), outputTokens: Double(request.outputTokens))
    }

    /// True when an incident matches the expectation: detector, metric, severity at least
    /// the expected one, and a start no earlier than one window before the injection and no
    /// later than the allowed lag after it.
    static func matches(_ incident: Incident, _ expected: ExpectedIncident) -> Bool {
        guard incident.detector == expected.detector, incident.severity >= expected.severity,
            expected.metric == nil || incident.metric == expected.metric,
            let start = incident.startTime, let injected = expected.startTime
        else { return false }
        return start >= injected - 300 && start <= injected + expected.maxLag
    }

    /// `detector/metric@start` for each incident, for failure messages.
    static func describe(_ incidents: [Incident]) -> [String] {
        incidents.map { "\($0.detector)/\($0.metric ?? "")@\($0.startTime ?? 0)" }
    }

    static let sweep: [(String, UInt64)] = ServingScenario.names.flatMap { name in
        (1...3).map { (name, UInt64($0)) }
    }

    @Test(arguments: sweep)
    func findsEachInjectedIncidentAndNothingForbidden(name: String, seed: UInt64) throws {
        let (incidents, plan) = try analyze(name, seed: seed, minutes: 300)

        for expected in plan.expected {
            #expect(
                incidents.contains { Self.matches($0, expected) },
                Comment(
                    rawValue: "\(name) seed \(seed): no \(expected.detector) on "
                        + "\(expected.metric ?? "") near \(expected.startTime ?? 0); got "
                        + "\(Self.describe(incidents))")
            )
        }
        let loud = incidents.filter {
            $0.severity >= .warning && plan.forbidden.contains($0.detector)
        }
        #expect(loud.isEmpty, "\(name) seed \(seed): \(loud.map(\.message))")
    }

    @Test func cleanTrafficIsNoisyButInsideTheBudget() throws {
        var parameters = SynthParameters()
        parameters.steps = 300
        let plan = try #require(ServingScenario.plan("serving-clean", parameters))
        var traffic = ServingTraffic(
            start: plan.start, minutes: plan.minutes, seed: 1, faults: plan.faults)
        let monitor = ServingMonitor()
        for line in traffic.lines() {
            if case .request(let request) = line {
                monitor.observeRequest(sample(request, line: 0))
            }
        }
        let summary = try #require(monitor.summary())
        let p95s = summary.windows.compactMap(\.stats.latency?.p95)

        #expect(summary.windows.count == 60)
        #expect((summary.budget.consumed ?? 1) < 0.5)
        #expect(abs((summary.overall.latency?.p95 ?? 0) - 800) < 150)
        #expect((p95s.max() ?? 0) - (p95s.min() ?? 0) > 150)
        // 2 × (1 + 0.3 × 3/(2π·5) × (1 − cos(10π/3))) ≈ 2.086/s over five hours.
        #expect(abs((summary.overall.requestsPerSecond ?? 0) - 2.086) < 0.05)
    }

    @Test func sameSeedSameLog() throws {
        var parameters = SynthParameters()
        parameters.steps = 120
        let first = try #require(ServingScenario.generate("serving-slo", parameters))
        let second = try #require(ServingScenario.generate("serving-slo", parameters))
        parameters.seed = 2
        let third = try #require(ServingScenario.generate("serving-slo", parameters))

        #expect(first.files[0].text == second.files[0].text)
        #expect(first.files[0].text != third.files[0].text)
        #expect(first.files[0].name == "serving-slo.jsonl")
    }

    @Test func everyLineIsAJSONObjectWithTheServerFields() throws {
        var parameters = SynthParameters()
        parameters.steps = 120
        let output = try #require(ServingScenario.generate("serving-errors", parameters))
        let lines = output.files[0].text.split(separator: "\n")
        var requests = 0
        var failed = 0
        for line in lines {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["timestamp"] is String && object["model_version"] is String)
            guard let status = object["status"] as? Int else {
                #expect(object["eval/mmlu"] is Double)
                continue
            }
            requests += 1
            if status >= 400 {
                failed += 1
                #expect(object["ttft_ms"] is NSNull)
            }
            #expect(object["latency_ms"] is Double && object["output_tokens"] is Int)
        }
        // Mean rate over two hours: 2 × (1 + 0.3 × 3/(2π·2) × (1 − cos(4π/3))) ≈ 2.215/s;
        // Poisson noise on about 16,000 arrivals is about 0.018/s.
        #expect(abs(Double(requests) / 7200 - 2.215) < 0.07)
        // 30 minutes at 5% of about 2 requests/s: about 180 failures.
        #expect(failed > 120 && failed < 240)
    }

    @Test func shortRequestsGetTwoHours() throws {
        var parameters = SynthParameters()
        parameters.steps = 10
        let plan = try #require(ServingScenario.plan("serving-clean", parameters))
        #expect(plan.minutes == 120)
    }

    @Test func unknownScenarioIsNil() {
        #expect(ServingScenario.generate("serving-nothing", SynthParameters()) == nil)
    }

    @Test func faultsStartOnAWindowBoundary() throws {
        var parameters = SynthParameters()
        parameters.steps = 360
        let plan = try #require(ServingScenario.plan("serving-errors", parameters))

        #expect(
            plan.expected.allSatisfy {
                ($0.startTime ?? 1).truncatingRemainder(dividingBy: 300) == 0
            })
        // 40% of 360 minutes is 144, floored to the window boundary at 140.
        #expect(plan.expected.first?.startTime == parameters.startTime + 140 * 60)
    }
}
