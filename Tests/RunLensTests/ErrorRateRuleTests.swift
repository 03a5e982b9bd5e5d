import Testing

@testable import RunLens

struct ErrorRateRuleTests {
    let nine = ServingSamples.nine
    let rule = ErrorRateRule(settings: ServingSettings())

    private func incidents(_ samples: [RequestSample]) throws -> [Incident] {
        let summary = try #require(ServingSamples.monitor(samples).summary())
        return rule.incidents(summary, context: ServingSamples.context)
    }

    @Test func burstOfFailuresIsOneIncidentNamingTheType() throws {
        let found = try incidents(ServingSamples.caseEight())
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.detector == "error_rate" && incident.metric == "error_rate")
        #expect(incident.severity == .critical)
        #expect(incident.startTime == nine + 1240 && incident.endTime == nine + 1740)
        #expect(incident.count == 2)
        #expect(incident.peak == 0.1)
        #expect(incident.threshold == 0.01)
        #expect(incident.location == "log.jsonl:125")
        #expect(
            incident.message.hasPrefix("6 of 60 requests failed (10.0%, above 1.00%) in 2 windows"))
        #expect(incident.message.hasSuffix(": 503 ×6 (10.0%)"))
    }

    @Test func untimedLogIsJudgedInWindowsOfRequests() throws {
        let found = try incidents(ServingSamples.rateLimited())
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.startStep == 10 && incident.endStep == 150)
        #expect(incident.startTime == nil)
        #expect(incident.peak == 0.96)
        #expect(incident.message.contains("130 of 150 requests failed (86.7%"))
        #expect(incident.message.contains("429 ×130 (86.7%)"))
    }

    @Test func twoFailuresInAWindowAreNotEnough() throws {
        let samples = (0..<60).map { index in
            ServingSamples.request(
                at: nine + Double(index) * 5, error: [3, 40].contains(index) ? "500" : nil)
        }
        #expect(try incidents(samples).isEmpty)
    }

    @Test func windowWithFewRequestsIsNotJudged() throws {
        // 5 requests, all failing, then 200 healthy ones in later windows: the whole log
        // is at 2.4% with 5 failures, so the whole-log check fires instead.
        var samples = (0..<5).map { ServingSamples.request(at: nine + Double($0), error: "503") }
        samples += (0..<200).map { ServingSamples.request(at: nine + 600 + Double($0) * 10) }
        let found = try incidents(samples)
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.count == 1)
        #expect(incident.message.contains("over the whole log"))
        #expect(incident.evidence.first?.contains("no single window") == true)
    }

    @Test func errorsSpreadThinOverQuietWindowsAreCaughtOverTheWholeLog() throws {
        // 12 windows of 10 requests each with one failure: no window qualifies, 10% overall.
        let samples = (0..<120).map { index in
            ServingSamples.request(
                at: nine + Double(index) * 30, error: index % 10 == 0 ? "timeout" : nil)
        }
        let incident = try #require(try incidents(samples).first)

        #expect(incident.startTime == nine && incident.endTime == nine + 110 * 30)
        #expect(incident.message.contains("timeout ×12 (10.0%)"))
    }

    @Test func belowTheThresholdIsQuiet() throws {
        // 1 failure in 150 requests per window: 0.67%.
        let samples = (0..<900).map { index in
            ServingSamples.request(
                at: nine + Double(index) * 2, error: index % 150 == 7 ? "503" : nil)
        }
        #expect(try incidents(samples).isEmpty)
    }

    /// 1,200 requests a five-minute window (one each 0.25 s), then a healthy window. P(X ≥ k)
    /// for X ~ Binomial(1200, 0.01), by hand (the sum of the terms below k taken from 1):
    /// 21 failures (1.75%) 0.0112, chance at 1% by the 0.01 significance; 22 failures 0.0058,
    /// not. The whole log, 21 of 2,400, stays under 1%.
    @Test(arguments: [(21, false), (22, true)])
    func failuresChanceExplainsAtTheThresholdDoNotFire(failures: Int, fires: Bool) throws {
        let samples = (0..<2400).map { index in
            ServingSamples.request(
                at: nine + Double(index) * 0.25,
                error: index % 50 == 0 && index / 50 < failures ? "503" : nil)
        }

        let found = try incidents(samples)

        #expect(found.count == (fires ? 1 : 0))
        #expect(found.first?.message.hasPrefix("22 of 1200 requests failed (1.83%") ?? !fires)
    }
}
