import Testing

@testable import RunLens

/// Where the memory-growth judgement places a bucket, now that buckets keep only their steps
/// and times: the time with a logged clock, the step times the mean step time with an
/// estimated one, the step with none.
struct MemoryJudgementPositionTests {
    /// Two points, steps 10 and 30, at times 1,000 and 1,050 (or none).
    static func series(timed: Bool) -> MemorySeries {
        var series = MemorySeries(descriptor: MemoryBucketsTests.descriptor(rank: 0))
        for (step, time) in [(10.0, 1_000.0), (30, 1_050)] {
            series.add(
                Point(step: step, time: timed ? time : .nan, value: 30, line: 1, file: 0))
        }
        return series
    }

    static func judgement(timed: Bool, secondsPerStep: Double?) -> MemoryJudgement {
        MemoryJudgement(
            series: series(timed: timed), settings: FleetSettings(),
            secondsPerStep: secondsPerStep, capacity: nil)
    }

    @Test func aTimedSeriesIsPlacedByItsTimes() throws {
        let judgement = Self.judgement(timed: true, secondsPerStep: 2)
        let bucket = try #require(judgement.buckets.first)

        #expect(judgement.clock == .logged)
        #expect(judgement.firstX(of: bucket) == 1_000)
        #expect(judgement.lastX(of: try #require(judgement.buckets.last)) == 1_050)
    }

    /// Steps 10 and 30 at 2 seconds a step: 20 and 60 seconds.
    @Test func aStepSeriesWithAStepTimeIsPlacedByItsStepsTimesTheStepTime() throws {
        let judgement = Self.judgement(timed: false, secondsPerStep: 2)

        #expect(judgement.clock == .estimated(2))
        #expect(judgement.firstX(of: try #require(judgement.buckets.first)) == 20)
        #expect(judgement.lastX(of: try #require(judgement.buckets.last)) == 60)
    }

    @Test func aStepSeriesWithoutAStepTimeIsPlacedByItsSteps() throws {
        let judgement = Self.judgement(timed: false, secondsPerStep: nil)

        #expect(judgement.clock == .none)
        #expect(judgement.firstX(of: try #require(judgement.buckets.first)) == 10)
        #expect(judgement.lastX(of: try #require(judgement.buckets.last)) == 30)
    }
}
