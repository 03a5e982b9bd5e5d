import Testing

@testable import RunLens

struct SLORuleTests {
    let nine = ServingSamples.nine
    let rule = SLORule(settings: ServingSettings())

    /// `count` requests spread over the five-minute window starting `minutes` after 09:00,
    /// the first `slow` of them taking `slowLatency` ms and the rest 500 ms.
    private func window(
        at minutes: Double, count: Int, slow: Int = 0, slowLatency: Double = 3000,
        failed: Int = 0, ttft: Double = .nan
    ) -> [RequestSample] {
        (0..<count).map { index in
            let time = nine + minutes * 60 + Double(index) * 300 / Double(count)
            return ServingSamples.request(
                at: time, latency: index < slow ? slowLatency : 500, ttft: ttft,
                error: index >= count - failed ? "503" : nil, line: Int32(index + 1))
        }
    }

    private func incidents(_ samples: [RequestSample]) throws -> [Incident] {
        let summary = try #require(ServingSamples.monitor(samples).summary())
        return rule.incidents(summary, context: ServingSamples.context)
    }

    @Test func slowWindowViolatesTheP95Target() throws {
        let found = try incidents(window(at: 0, count: 600) + window(at: 5, count: 600, slow: 100))
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.detector == "slo_violation" && incident.metric == "latency_p95")
        #expect(incident.severity == .warning)
        #expect(incident.peak == 3000 && incident.threshold == 2000)
        #expect(incident.startTime == nine + 300)
        #expect(incident.endTime == nine + 300 + 99 * 0.5)
        #expect(incident.message.contains("100 of 600 successful requests slower than 2000 ms"))
    }

    @Test func fewSlowRequestsAreWithinTheTarget() throws {
        // 20 of 600 above 2000 ms (3.3%): p95 stays at 500 ms.
        #expect(try incidents(window(at: 0, count: 600, slow: 20)).isEmpty)
    }

    @Test func smallWindowAboveTheTargetByChanceIsNotAViolation() throws {
        // 3 of 40 slow makes the p95 3000 ms, but 5% of 40 requests may be slow: p ≈ 0.32.
        #expect(try incidents(window(at: 0, count: 40, slow: 3)).isEmpty)
    }

    @Test func windowWithTooFewRequestsIsNotJudged() throws {
        #expect(try incidents(window(at: 0, count: 10, slow: 10)).isEmpty)
    }

    @Test func oneViolationIsOneIncidentPerTarget() throws {
        // Every request at 6 s: both latency targets break, in one window each.
        let found = try incidents(window(at: 0, count: 100, slow: 100, slowLatency: 6000))
        #expect(Set(found.compactMap(\.metric)) == ["latency_p95", "latency_p99"])
    }

    @Test func violationsOneWindowApartMergeAndFartherOnesDoNot() throws {
        var samples = window(at: 0, count: 300, slow: 60) + window(at: 5, count: 300)
        samples += window(at: 10, count: 300, slow: 60) + window(at: 15, count: 300)
        samples += window(at: 20, count: 300) + window(at: 25, count: 300, slow: 60)
        let found = try incidents(samples).filter { $0.metric == "latency_p95" }

        #expect(found.map(\.count) == [2, 1])
        #expect(found.map(\.startTime) == [nine, nine + 1500])
    }

    @Test func ttftTargetIsJudgedOnTTFT() throws {
        let found = try incidents(window(at: 0, count: 100, ttft: 1200))
        #expect(found.compactMap(\.metric) == ["ttft_p95"])
    }

    @Test func errorRateTargetNeedsMoreFailuresThanChance() throws {
        // 1 failure in 600 requests (0.17%) is chance at 0.1%; 6 are not.
        #expect(try incidents(window(at: 0, count: 600, failed: 1)).isEmpty)
        let found = try incidents(window(at: 0, count: 600, failed: 6))
        let errorRate = try #require(found.first { $0.metric == "error_rate" })

        #expect(errorRate.severity == .critical)
        #expect(errorRate.peak == 0.01)
        #expect(found.contains { $0.metric == "availability" })
    }

    @Test func availabilityIsJudgedOverTheWholeLog() throws {
        let found = try incidents(ServingSamples.caseEight())
        let availability = try #require(found.first { $0.metric == "availability" })

        #expect(availability.peak == 1 - 6.0 / 180)
        #expect(availability.threshold == 0.999)
        #expect(availability.startTime == nine + 1240 && availability.endTime == nine + 1740)
        #expect(availability.message.hasPrefix("availability 96.7% over the whole log"))
        #expect(
            availability.evidence == [
                "worst window 2024-05-14T09:20:00Z – 2024-05-14T09:25:00Z: "
                    + "availability 90.0%, 3 of 30 requests failed"
            ])
    }

    @Test func subMillisecondLatenciesRaiseNothing() throws {
        let samples = (0..<190).map { index in
            ServingSamples.request(at: nine + Double(index) * 2, latency: index < 3 ? 252 : 0.3)
        }
        #expect(try incidents(samples).isEmpty)
    }
}
