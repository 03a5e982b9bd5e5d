@testable import RunLens

/// Request samples and contexts built by hand for the serving tests.
enum ServingSamples {
    /// 2024-05-14T09:00:00Z.
    static let nine = 1_715_677_200.0

    static let context = DetectionContext(series: [], overview: RunOverview(), files: ["log.jsonl"])

    static func request(
        at time: Double?, latency: Double = 600, ttft: Double = .nan, error: String? = nil,
        version: String? = nil, line: Int32 = 0, output: Double = .nan
    ) -> RequestSample {
        RequestSample(
            time: time, outcome: error.map { .error(type: $0) } ?? .ok, version: version,
            file: 0, line: line, latencyMs: latency, ttftMs: ttft, outputTokens: output)
    }

    /// Case 08's shape: 180 requests every 10 s from 09:00:00Z; 503s at 09:20:40, 09:22:20,
    /// 09:24:00, 09:25:40, 09:27:20 and 09:29:00 (requests 124, 134, ..., 174 from 0).
    static func caseEight() -> [RequestSample] {
        (0..<180).map { index in
            let failed = index >= 124 && (index - 124) % 10 == 0
            return request(
                at: nine + Double(index) * 10, latency: failed ? 30 : 600,
                error: failed ? "503" : nil, line: Int32(index + 1))
        }
    }

    /// An LLMPerf-like run without times: 150 requests, 429s from request 10 on except
    /// requests 20, 30, ..., 120 (130 failures).
    static func rateLimited() -> [RequestSample] {
        (1...150).map { ordinal in
            let failed = ordinal >= 10 && !(ordinal % 10 == 0 && (20...120).contains(ordinal))
            return request(
                at: nil, latency: failed ? .nan : 4500, error: failed ? "429" : nil,
                line: Int32(ordinal * 11))
        }
    }

    static func monitor(
        _ samples: [RequestSample], settings: ServingSettings = ServingSettings()
    ) -> ServingMonitor {
        let monitor = ServingMonitor(settings: settings)
        for sample in samples { monitor.observeRequest(sample) }
        monitor.finish()
        return monitor
    }
}
