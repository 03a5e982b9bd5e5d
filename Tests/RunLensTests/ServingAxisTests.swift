import Testing

@testable import RunLens

/// Where a request without a time sits must not decide how a timed log is laid out: the
/// first timed request settles the axis (a user's log with its first line untimed was
/// windowed by 50 requests and lost its times and two incidents).
struct ServingAxisTests {
    let nine = ServingSamples.nine

    /// Case 08 with a request without a time put at `index` (0 for a warm-up first).
    private func withUntimed(at index: Int) -> [RequestSample] {
        var samples = ServingSamples.caseEight()
        samples.insert(ServingSamples.request(at: nil, line: 999), at: index)
        return samples
    }

    @Test(arguments: [0, 1, 90, 180])
    func oneUntimedRequestCountsForTheWholeLogOnly(index: Int) throws {
        let summary = try #require(ServingSamples.monitor(withUntimed(at: index)).summary())

        #expect(summary.axis == .time && summary.windowWidth == 300)
        #expect(summary.overall.requests == 181)
        #expect(summary.firstTime == nine && summary.lastTime == nine + 1790)
        #expect(summary.windows.map(\.start) == (0..<6).map { nine + Double($0) * 300 })
        #expect(summary.windows.map(\.stats.requests) == [30, 30, 30, 30, 30, 30])
        #expect(summary.windows.map(\.stats.failed) == [0, 0, 0, 0, 3, 3])
        #expect(
            summary.notes.contains("1 requests without a timestamp count for the whole log only"))
        #expect(!summary.notes.contains { $0.contains("no timestamps") })
    }

    @Test(arguments: [0, 90, 180])
    func incidentsKeepTheirTimesWhereverTheUntimedRequestIs(index: Int) throws {
        let incidents = ServingSamples.monitor(withUntimed(at: index))
            .incidents(in: ServingSamples.context)
        let errors = try #require(
            incidents.first { $0.detector == "slo_violation" && $0.metric == "error_rate" })

        // The 503s are requests 124, 134, ..., 174 from 0, ten seconds apart.
        #expect(errors.startTime == nine + 1240 && errors.endTime == nine + 1740)
        #expect(incidents.allSatisfy { $0.startTime != nil })
    }

    @Test func firstRequestWithoutItsTimeLeavesItsWindowOneShort() throws {
        var samples = ServingSamples.caseEight()
        samples[0].time = nil
        let summary = try #require(ServingSamples.monitor(samples).summary())

        #expect(summary.axis == .time)
        #expect(summary.firstTime == nine + 10)
        #expect(summary.windows.map(\.stats.requests) == [29, 30, 30, 30, 30, 30])
    }

    @Test func requestsBeforeTheFirstTimeLeaveNoRequestWindows() throws {
        // 120 untimed requests, then one timed: two request windows were open, and go.
        var samples = (0..<120).map { _ in ServingSamples.request(at: nil) }
        samples.append(ServingSamples.request(at: nine))
        let summary = try #require(ServingSamples.monitor(samples).summary())

        #expect(summary.axis == .time)
        #expect(summary.windows.map(\.stats.requests) == [1])
        #expect(
            summary.notes.contains("120 requests without a timestamp count for the whole log only"))
    }
}
