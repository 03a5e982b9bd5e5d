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
        // Three hours; minutes 60–89 fail 10%. By hand: 14.4× fires at minute ends 69–94;
        // 6× (its 6 h window never covered) once the failures prove it over all 6 h, 132
        // of the 21,600 requests 6 h would hold at this traffic, at ends 82–118 (both
        // critical, merged). 3× and 1× never: 180 failures are 2.1× of a day's budget
        // and 0.69× of three days'. The peak is the 1 h window over the burst: 180 failures
        // in 3600 requests, 50× a 0.1% budget.
        let found = incidents(steady(minutes: 180, burst: 60..<90))
        let incident = try #require(found.first)

        #expect(found.count == 1)
        #expect(incident.severity == .critical && incident.metric == "error_budget")
        #expect(abs((incident.peak ?? 0) - 50) < 1e-9)
        #expect(incident.threshold == 14.4)
        #expect(incident.startTime == nine + 3600 && incident.endTime == nine + 5400)
        #expect(incident.count == 26 + 37)
        #expect(
            incident.evidence.contains {
                $0.hasPrefix("14.4× over 1h/5m (critical): fired for 26 minutes")
            })
        #expect(
            incident.evidence.contains {
                $0.hasPrefix("6× over 6h/30m (critical): fired for 37 minutes")
            })
        #expect(!incident.evidence.contains { $0.hasPrefix("also fired") })
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
        // 30 minutes failing 5%: 50× over the 30 minutes, at least 25× over the whole hour;
        // 14.4× is proven from minute 18 on (5% × 18/60 > 1.44%): 13 firings. The 6 h window
        // proves only 4.2×.
        let found = incidents(steady(minutes: 30, burst: 0..<30, failuresPerMinute: 3))
        let incident = try #require(found.first)

        #expect(found.count == 1 && incident.severity == .critical && incident.count == 13)
        #expect(
            incident.message.hasPrefix(
                "error budget burning at 50× over the 30m 00s the log covers of the 1h window "
                    + "(at least 25× over all 1h, were the time before the log failure-free at "
                    + "the same traffic) (alert: 14.4× over both 1h/5m); 90 of 1800 requests "
                    + "failed in that span"))
    }

    @Test func burstInAShortLogIsNoLongBurn() {
        // The user's report: an hour at one request a second and 19 more requests failing at
        // 09:30. The 6 h window reaching back 31 minutes saw 10.1×, but over all 6 h at this
        // traffic 19 failures are 19 / 21,600 = 0.88× the budget; over 1 h, 5.3× < 14.4×.
        var samples = (0..<3600).map { ServingSamples.request(at: nine + Double($0)) }
        samples += (0..<19).map {
            ServingSamples.request(at: nine + 1800.5 + Double($0), error: "500")
        }
        #expect(incidents(samples.sorted { ($0.time ?? 0) < ($1.time ?? 0) }).isEmpty)
    }

    @Test func partlyCoveredWindowPagesWhenTheLogAloneProvesTheBurn() throws {
        // One hour; minutes 30–39 fail 30%. Only the 6 h pair: its window covers 40 minutes
        // at the worst firing (180 of 2400 failed, 75×); 180 failures among the 21,600
        // requests of 6 h are 8.33× on their own. Proven (> 129.6 failures) at ends 38–60.
        var settings = ServingSettings()
        settings.burnWindows = [
            BurnWindow(longSeconds: 21_600, shortSeconds: 1800, factor: 6, severity: .critical)
        ]
        let found = incidents(
            steady(minutes: 60, burst: 30..<40, failuresPerMinute: 18), settings: settings)
        let incident = try #require(found.first)

        #expect(found.count == 1 && incident.count == 23)
        #expect(abs((incident.peak ?? 0) - 75) < 1e-9)
        #expect(
            incident.message.hasPrefix(
                "error budget burning at 75× over the 40m 00s the log covers of the 6h window "
                    + "(at least 8.33× over all 6h"))
    }

    @Test func untimedLogHasNoBurnRates() {
        #expect(incidents(ServingSamples.rateLimited()).isEmpty)
    }
}
