import Testing

@testable import RunLens

struct ServingMonitorTests {
    let nine = ServingSamples.nine

    @Test func summarisesRequestsPerWindow() throws {
        let summary = try #require(ServingSamples.monitor(ServingSamples.caseEight()).summary())

        #expect(summary.axis == .time && summary.windowWidth == 300)
        #expect(summary.overall.requests == 180 && summary.overall.failed == 6)
        #expect(summary.overall.errorRate == 6.0 / 180)
        #expect(summary.firstTime == nine && summary.lastTime == nine + 1790)
        #expect(summary.overall.requestsPerSecond == 180.0 / 1790)
        #expect(summary.windows.map(\.start) == (0..<6).map { nine + Double($0) * 300 })
        #expect(summary.windows.map(\.stats.requests) == [30, 30, 30, 30, 30, 30])
        #expect(summary.windows.map(\.stats.failed) == [0, 0, 0, 0, 3, 3])
        #expect(summary.windows[0].stats.requestsPerSecond == 0.1)
        #expect(
            summary.overall.errorTypes == [ErrorTypeCount(type: "503", count: 6, rate: 6.0 / 180)])
    }

    @Test func latencyCoversSuccessfulRequestsOnly() throws {
        let summary = try #require(ServingSamples.monitor(ServingSamples.caseEight()).summary())
        let latency = try #require(summary.overall.latency)

        #expect(latency.count == 174)
        #expect(latency.min == 600 && latency.max == 600)
    }

    @Test func errorBudgetConsumed() throws {
        let summary = try #require(ServingSamples.monitor(ServingSamples.caseEight()).summary())
        let consumed = try #require(summary.budget.consumed)

        // 6 failures where 0.1% of 180 requests (0.18) were allowed.
        #expect(abs(consumed - 6 / 0.18) < 1e-9)
    }

    @Test func firstAndLastErrorsAreTheEarliestAndLatestByTime() throws {
        let samples = ServingSamples.caseEight().reversed()
        let summary = try #require(ServingSamples.monitor(Array(samples)).summary())

        #expect(summary.overall.firstError?.time == nine + 1240)
        #expect(summary.overall.lastError?.time == nine + 1740)
    }

    @Test func untimedLogGetsWindowsOfRequests() throws {
        let summary = try #require(ServingSamples.monitor(ServingSamples.rateLimited()).summary())

        #expect(summary.axis == .requests && summary.windowWidth == 50)
        #expect(summary.windows.map(\.start) == [1, 51, 101])
        #expect(summary.windows.map(\.end) == [50, 100, 150])
        #expect(summary.windows.map(\.stats.failed) == [37, 45, 48])
        #expect(summary.overall.requestsPerSecond == nil)
        #expect(summary.notes.contains { $0.contains("no timestamps") })
    }

    @Test func oneVersionGivesNoComparison() throws {
        let samples = (0..<10).map { ServingSamples.request(at: nine + Double($0), version: "v1") }
        let summary = try #require(ServingSamples.monitor(samples).summary())

        #expect(summary.versions.isEmpty)
    }

    @Test func versionsAreComparedWhenThereAreSeveral() throws {
        var samples = (0..<10).map {
            ServingSamples.request(at: nine + Double($0), latency: 500, version: "v1")
        }
        samples += (10..<20).map {
            ServingSamples.request(
                at: nine + Double($0), latency: 900, error: $0 == 15 ? "500" : nil, version: "v2")
        }
        samples += (20..<25).map {
            ServingSamples.request(at: nine + Double($0), latency: 500, version: "v1")
        }
        let summary = try #require(ServingSamples.monitor(samples).summary())

        #expect(summary.versions.map(\.version) == ["v1", "v2"])
        #expect(summary.versions.map(\.overall.requests) == [15, 10])
        #expect(summary.versions.map(\.overall.failed) == [0, 1])
        #expect(summary.versions[1].overall.latency?.p50 == 900)
        #expect(summary.versions[0].overall.latency?.max == 500)
    }

    @Test func versionsPastTheCapCountAsOther() throws {
        var settings = ServingSettings()
        settings.maxVersions = 2
        let samples = ["a", "b", "c", "d", "a"].enumerated().map {
            ServingSamples.request(at: nine + Double($0.offset), version: $0.element)
        }
        let summary = try #require(ServingSamples.monitor(samples, settings: settings).summary())

        #expect(summary.versions.map(\.version) == ["a", "b", "other"])
        #expect(summary.versions.map(\.overall.requests) == [2, 1, 2])
    }

    @Test func noRequestsGiveNoSummaryAndNoIncidents() {
        let monitor = ServingSamples.monitor([])

        #expect(monitor.summary() == nil)
        #expect(monitor.incidents(in: ServingSamples.context).isEmpty)
    }

    @Test func disabledDetectorsRaiseNothing() {
        var settings = ServingSettings()
        settings.sloEnabled = false
        settings.errorRateEnabled = false
        settings.burnEnabled = false
        let monitor = ServingSamples.monitor(ServingSamples.caseEight(), settings: settings)

        #expect(monitor.ids.isEmpty)
        #expect(monitor.incidents(in: ServingSamples.context).isEmpty)
    }

    @Test func caseEightIsAnErrorRateIncidentInsideTheBurst() throws {
        let monitor = ServingSamples.monitor(ServingSamples.caseEight())
        let incidents = monitor.incidents(in: ServingSamples.context)
        let errorRate = try #require(incidents.first { $0.detector == "error_rate" })

        #expect(errorRate.severity == .critical)
        #expect(errorRate.startTime == nine + 1240)
        #expect(errorRate.endTime == nine + 1740)
        #expect(!incidents.contains { $0.detector == "error_budget_burn" })
        #expect(!incidents.contains { $0.metric?.hasPrefix("latency") == true })
    }
}
