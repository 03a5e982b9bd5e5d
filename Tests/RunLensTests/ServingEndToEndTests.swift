import Foundation
import Testing

@testable import RunLens

/// The serving detectors on the real pipeline (`Analyzer`: readers, run assembly,
/// statistics) over synthetic logs written to disk, the cases and the real corpus.
/// Expected figures come from the cases' write-ups and from NumPy over the same files.
struct ServingEndToEndTests {
    struct Analysis {
        var result: AnalysisResult
        var incidents: [Incident]
        var summary: ServingSummary?

        func first(_ detector: String, _ metric: String? = nil) -> Incident? {
            incidents.first { $0.detector == detector && (metric == nil || $0.metric == metric) }
        }
    }

    private func analyze(_ paths: [String]) throws -> Analysis {
        let analyzer = Analyzer(options: AnalysisOptions(inputs: paths))
        let detectors = ServingDetectors.make()
        for detector in detectors { analyzer.addObserver(detector) }
        let result = try analyzer.run()
        let incidents = detectors.flatMap { $0.incidents(in: result.detectionContext) }
        return Analysis(
            result: result, incidents: incidents, summary: ServingDetectors.summary(of: detectors))
    }

    private func fixture(_ path: String) -> String {
        BinaryRunner.fixture(path)
    }

    private func relative(_ actual: Double?, _ expected: Double) -> Double {
        guard let actual else { return .infinity }
        return abs(actual / expected - 1)
    }

    // MARK: synthetic logs

    /// `synth serving-errors` at its default two hours, then `analyze`, as a user runs them:
    /// the burst starts 45 minutes in, and the burn alert comes 6–13 minutes after it
    /// depending on the seed's traffic, within the lag the expectation file states.
    @Test(arguments: UInt64(1)...12)
    func errorBurstsAreFoundWithinTheStatedLag(seed: UInt64) throws {
        let synth = try BinaryRunner.run(["synth", "serving-errors", "--seed", "\(seed)"])
        let log = synth.directory.appendingPathComponent("serving-errors.jsonl").path
        defer { try? FileManager.default.removeItem(at: synth.directory) }
        let run = try BinaryRunner.run(["analyze", "-q", log])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        let expected = try Self.objects(
            Data(contentsOf: URL(fileURLWithPath: log + ".expected.json")), "expected")
        let incidents = try Self.objects(Data(run.output("summary.json").utf8), "incidents")

        for item in expected {
            let detector = try #require(item["detector"] as? String)
            let start = try #require(item["startTime"] as? Double)
            let lag = try #require(item["maxLag"] as? Double)
            let found = incidents.contains {
                ($0["detector"] as? String) == detector
                    && (($0["startTime"] as? Double).map { $0 >= start - 300 && $0 <= start + lag }
                        ?? false)
            }
            #expect(found, "seed \(seed): no \(detector) within \(lag) s of \(start)")
        }
    }

    /// The objects of the array under `key` of the JSON object in `data`.
    private static func objects(_ data: Data, _ key: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object[key] as? [[String: Any]])
    }

    @Test(arguments: ServingScenario.names)
    func synthesisedIncidentsAreFound(_ name: String) throws {
        var parameters = SynthParameters()
        parameters.steps = 300
        let output = try #require(ServingScenario.generate(name, parameters))
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "runlens-serving-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(output.files[0].name)
        try output.files[0].text.write(to: file, atomically: true, encoding: .utf8)

        let run = try analyze([file.path])
        for expected in output.expected {
            #expect(
                run.incidents.contains { ServingScenarioTests.matches($0, expected) },
                "\(name): no \(expected.detector) on \(expected.metric ?? "")")
        }
        let loud = run.incidents.filter {
            $0.severity >= .warning && output.forbidden.contains($0.detector)
        }
        #expect(loud.isEmpty, "\(name): \(loud.map(\.message))")
        #expect(run.summary?.windows.count == 60)
        if name == "serving-regression" {
            #expect(run.summary?.versions.map(\.version) == ["v1", "v2"])
        }
    }

    // MARK: cases

    @Test func caseEightIsACriticalErrorRateInsideTheBurst() throws {
        let run = try analyze([fixture("cases/08-rotated-concatenated.jsonl.gz")])
        let incident = try #require(run.first("error_rate"))
        let nine = 1_715_677_200.0

        #expect(run.result.overview.requests == 180)
        #expect(incident.severity == .critical)
        #expect(try #require(incident.startTime) >= nine + 1240)
        #expect(try #require(incident.endTime) <= nine + 1790)
        #expect(incident.message.contains("503 ×6"))
        #expect(run.summary?.overall.failed == 6)
        #expect(run.summary?.windows.map(\.stats.failed) == [0, 0, 0, 0, 3, 3])
    }

    @Test func caseThirteenHasTwoWindowsAndNoIncident() throws {
        let run = try analyze([fixture("cases/13-mixed-epoch-units.jsonl")])
        let summary = try #require(run.summary)

        #expect(summary.windows.map(\.stats.requests) == [60, 60])
        #expect(summary.firstTime == 1_715_677_200.701)
        #expect(run.incidents.isEmpty, "\(run.incidents.map(\.message))")
    }

    @Test func caseFourteenQuantilesComeFromTheData() throws {
        let run = try analyze([fixture("cases/14-submillisecond-latency-quantiles.jsonl")])
        let latency = try #require(run.summary?.overall.latency)

        // The case's ranges (NumPy linear, inverted_cdf and nearest), each within 1%.
        #expect((0.2993 * 0.99...0.3003 * 1.01).contains(latency.p50))
        #expect((3.5555 * 0.99...3.56 * 1.01).contains(latency.p95))
        #expect((251.0 * 0.99...252.0 * 1.01).contains(latency.p99))
        #expect(latency.max == 253.0 && latency.min == 0.12)
        #expect(abs(latency.mean - 4.4835) < 0.0001)
        #expect(run.incidents.isEmpty, "\(run.incidents.map(\.message))")
    }

    @Test func caseEighteenHasNoQualityRegression() throws {
        let run = try analyze([fixture("cases/18-val-step0-after-resume.jsonl")])
        #expect(run.incidents.isEmpty)
        #expect(run.summary == nil)
    }

    @Test func caseOneCollapseBelongsToTheDivergence() throws {
        // Accuracy falls to chance once main/loss is NaN from iteration 2200: the divergence
        // detector's incident, not a second one here.
        let run = try analyze([fixture("cases/01-chainer-log-nan.json")])
        #expect(run.incidents.isEmpty, "\(run.incidents.map(\.message))")
    }

    // MARK: LLMPerf

    @Test(arguments: ["lepton_70b", "lepton_7b"])
    func rateLimitedRunNamesTheFourTwentyNines(_ provider: String) throws {
        let run = try analyze([
            fixture("corpus/llmperf-individual-json/llmperf_\(provider)_individual.json")
        ])
        let incident = try #require(run.first("error_rate"))
        let summary = try #require(run.summary)

        #expect(summary.axis == .requests)
        #expect(summary.overall.requests == 150 && summary.overall.failed == 130)
        #expect(summary.overall.errorTypes.map(\.type) == ["429"])
        #expect(summary.overall.latency?.count == 20)
        #expect(run.result.overview.zeroFilledLatencies == 390)
        #expect(incident.severity == .critical)
        #expect(incident.startStep == 11 && incident.endStep == 150)
        #expect(incident.message.contains("130 of 150 requests failed (86.7%"))
        #expect(incident.message.contains("429 ×130 (86.7%)"))
    }

    @Test func bedrockTooFewTokensAreErrors() throws {
        let run = try analyze([fixture("serving/llmperf_bedrock_13b_individual.json")])
        let incident = try #require(run.first("error_rate"))
        let summary = try #require(run.summary)

        #expect(summary.overall.failed == 97)
        #expect(summary.overall.errorTypes.map(\.type) == ["-100"])
        #expect(summary.overall.interTokenLatency?.count == 53)
        #expect(incident.message.contains("-100 ×97 (64.7%)"))
    }

    @Test func togetherTimeoutOutliersShowInTheTTFTTail() throws {
        let run = try analyze([
            fixture("corpus/llmperf-individual-json/llmperf_together_13b_individual.json")
        ])
        let ttft = try #require(run.summary?.overall.ttft)

        // NumPy over the 149 successful requests: p50 549.94, p99 53262.94, max 100469.61 ms.
        #expect(relative(ttft.p50, 549.944062) < 1e-9)
        #expect(relative(ttft.p99, 53262.93720032) < 1e-9)
        #expect(relative(ttft.max, 100469.614026) < 1e-9)
        #expect(run.first("error_rate") == nil)
        #expect(run.summary?.overall.errorTypes.map(\.type) == ["-1"])
    }

    @Test func replicateColdStartIsTheFirstWindow() throws {
        let run = try analyze([
            fixture("corpus/llmperf-individual-json/llmperf_replicate_70b_individual.json")
        ])
        let summary = try #require(run.summary)
        let coldStart = try #require(run.first("slo_violation", "ttft_p99"))

        #expect(summary.overall.requests == 145)
        #expect(relative(summary.overall.ttft?.max, 71565.019808) < 1e-9)
        #expect(relative(summary.windows.first?.stats.ttft?.max, 71565.019808) < 1e-9)
        // Requests 2–45 of the first window are the slow ones; the later windows have two
        // slow requests each, within what a 1% tail allows.
        #expect(coldStart.startStep == 2 && coldStart.endStep == 45 && coldStart.count == 1)
        #expect(coldStart.message.contains("17 of 50 successful requests slower than 5000 ms"))
    }

    // MARK: traces without latencies

    @Test func mooncakeTraceGivesRatesAndTokenDistributions() throws {
        let run = try analyze([
            fixture("corpus/mooncake-trace-jsonl/mooncake_conversation_trace.jsonl")
        ])
        let summary = try #require(run.summary)

        // The 412-request excerpt spans 144 s: NumPy gives input p50 9234.5, p99 89570.55.
        #expect(summary.timeIsRelative)
        #expect(summary.overall.requests == 412)
        #expect(relative(summary.overall.requestsPerSecond, 412.0 / 144) < 1e-9)
        #expect(relative(summary.overall.inputTokens?.p50, 9234.5) < 1e-9)
        #expect(relative(summary.overall.inputTokens?.p99, 89570.55) < 1e-9)
        #expect(summary.overall.inputTokens?.max == 121_298)
        #expect(relative(summary.overall.outputTokens?.p95, 674.35) < 1e-9)
        #expect(summary.overall.latency == nil)
        #expect(run.incidents.isEmpty)
    }

    @Test func azureTraceGivesRatesAndTokenDistributions() throws {
        let run = try analyze([
            fixture("corpus/azure-llm-trace-csv/AzureLLMInferenceTrace_code.csv")
        ])
        let summary = try #require(run.summary)

        // The 2,754-request excerpt spans 920.148 s: NumPy gives input p95 6589.1,
        // output p99 276.35.
        #expect(!summary.timeIsRelative)
        #expect(summary.overall.requests == 2754)
        #expect(relative(summary.overall.requestsPerSecond, 2754 / 920.148421049118) < 1e-6)
        #expect(relative(summary.overall.inputTokens?.p95, 6589.1) < 1e-9)
        #expect(relative(summary.overall.outputTokens?.p99, 276.35) < 1e-9)
        #expect(summary.windows.count == 4)
        #expect(run.incidents.isEmpty)
    }
}
