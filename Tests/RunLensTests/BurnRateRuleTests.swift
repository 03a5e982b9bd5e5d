import Testing

@testable import RunLens

struct BurnRateRuleTests {
    let nine = ServingSamples.nine

    /// One request per second for `minutes`; in each minute of `burst`, 6 of the 60 fail.
    private func steady(minutes: Int, burst: Range<Int>, failuresPerMinute: Int = 6)
        -> [RequestSample]
    {
        (0..<(minutes * 60)).map { second in
            let minute = second / 60
            let failed = burst.contains(minute) && second % 60 < failuresPerMinute
            return ServingSamples.request(at: nine + Double(second), error: failed ? "503" : nil)
        }
    }

    private func incidents(
        _ samples: [RequestSample], settings: ServingSettings = ServingSettings()
    ) -> [Incident] {
        ServingSamples.monitor(samples, settings: settings).incidents(in: ServingSamples.context)
            .filter { $0.detector == "error_budget_burn" }
    }

    @Test func burstIsOneCriticalIncidentAbsorbingTheWarnings() throws {
        // Three hours; minutes 60–89 fail 10%. By hand: 14.4× fires at minute ends 69–94,
        // 6× at 64–118 (both critical, merged); 3× at 120–180 and 1× at 180 (warnings,
        // overlapping, absorbed). The peak is the 1 h window over the burst: 180 failures
        // in 3600 requests, 50× a 0.1% budget.
        let found = incidents(steady(minutes: 180, burst: 60..<90))
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.severity == .critical && incident.metric == "error_budget")
        #expect(abs((incident.peak ?? 0) - 50) < 1e-9)
        #expect(incident.threshold == 14.4)
        #expect(incident.startTime == nine + 3600 && incident.endTime == nine + 5400)
        #expect(incident.count == 26 + 55)
        #expect(
            incident.evidence.contains {
                $0.hasPrefix("14.4× over 1h/5m (critical): fired for 26 minutes")
            })
        #expect(
            incident.evidence.contains {
                $0.hasPrefix("6× over 6h/30m (critical): fired for 55 minutes")
            })
        #expect(
            incident.evidence.contains {
                $0.hasPrefix("also fired: 3× over 1d/2h (warning): fired for 61 minutes")
            })
        #expect(
            incident.evidence.contains {
                $0.hasPrefix("also fired: 1× over 3d/6h (warning): fired for 1 minutes")
            })
        #expect(incident.location == "log.jsonl:0")
    }

    @Test func fewRequestsCannotPage() {
        let samples = (0..<5).map {
            ServingSamples.request(at: nine + Double($0) * 30, error: "503")
        }
        #expect(incidents(samples).isEmpty)
    }

    @Test func tricklePersistentlyFailingIsCaught() throws {
        // One request every 10 minutes for 12 hours, 4 of every 5 failing: the 1 h window
        // never holds 10 failures, the 6 h window holds about 29.
        let samples = (0..<72).map { index in
            ServingSamples.request(
                at: nine + Double(index) * 600, error: index % 5 == 0 ? nil : "503")
        }
        let found = incidents(samples)

        #expect(found.count == 1)
        #expect(found.first?.severity == .critical)
        #expect(found.first?.message.contains("over 6h") == true)
    }

    @Test func lowSteadyErrorRateStaysInsideTheBudget() {
        // 0.05% of requests fail, half the 0.1% budget: no window pair fires.
        let samples = (0..<(6 * 3600)).map { second in
            ServingSamples.request(
                at: nine + Double(second), error: second % 2000 == 999 ? "500" : nil)
        }
        #expect(incidents(samples).isEmpty)
    }

    @Test func shortLogSaysHowMuchOfTheWindowItCovers() throws {
        let found = incidents(steady(minutes: 30, burst: 0..<30, failuresPerMinute: 3))
        let incident = try #require(found.first)

        #expect(incident.severity == .critical)
        #expect(incident.message.contains("(the log covers only 30m 00s of the"))
    }

    @Test func untimedLogHasNoBurnRates() {
        #expect(incidents(ServingSamples.rateLimited()).isEmpty)
    }
}
