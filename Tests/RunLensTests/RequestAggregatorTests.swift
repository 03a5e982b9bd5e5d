import Testing

@testable import RunLens

struct RequestAggregatorTests {
    let nine = ServingSamples.nine

    static func aggregate(_ samples: [RequestSample]) -> RequestAggregator {
        let settings = ServingSettings()
        var aggregator = RequestAggregator(settings: settings, targets: settings.latencyTargets)
        for (index, sample) in samples.enumerated() { aggregator.add(sample, ordinal: index + 1) }
        return aggregator
    }

    /// Found by fuzzing: the first request had no time, so the log was laid out by request,
    /// and a later time of -1e300 s became the first "request number" of the report's
    /// headline, which converted it to an Int and crashed. The first placeable time now lays
    /// the log out by time; -1e300 s is too far from zero to place, so it is no time.
    @Test func timesAfterAnUntimedFirstRequestAreNoRequestPositions() {
        let aggregator = Self.aggregate([
            ServingSamples.request(at: nil, latency: 5),
            ServingSamples.request(at: -1e300, latency: 7),
            ServingSamples.request(at: nine, latency: 8),
        ])

        #expect(aggregator.axis == .time && aggregator.untimed == 2)
        #expect(aggregator.firstTime == nine && aggregator.lastTime == nine)
        #expect(aggregator.wholeStats().requests == 3)
        #expect(aggregator.wholeStats().requestsPerSecond == nil)
        #expect(aggregator.windowStats().map(\.start) == [nine])
        #expect(aggregator.windowStats().map(\.stats.requests) == [1])
    }

    @Test func anUnplaceableTimeDoesNotLayTheLogOutByTime() {
        let aggregator = Self.aggregate([
            ServingSamples.request(at: nil, latency: 5),
            ServingSamples.request(at: -1e300, latency: 7),
        ])

        #expect(aggregator.axis == .requests && aggregator.firstTime == nil)
        #expect(aggregator.windowStats().map(\.stats.requests) == [2])
    }

    @Test func aTimedLogKeepsItsFirstAndLastTimeWhateverTheirOrder() {
        let aggregator = Self.aggregate([
            ServingSamples.request(at: nine + 30),
            ServingSamples.request(at: nil),
            ServingSamples.request(at: nine),
            ServingSamples.request(at: nine + 600),
        ])

        #expect(aggregator.axis == .time)
        #expect(aggregator.firstTime == nine && aggregator.lastTime == nine + 600)
        #expect(aggregator.untimed == 1)
        // 4 requests over the 600 s between the first and the last time.
        #expect(aggregator.wholeStats().requestsPerSecond == 4.0 / 600)
    }
}
