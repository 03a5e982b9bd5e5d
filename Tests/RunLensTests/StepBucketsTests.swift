import Testing

@testable import RunLens

struct StepBucketsTests {
    static func filled(_ steps: ClosedRange<Int>, capacity: Int = 8) -> StepBuckets {
        var buckets = StepBuckets(capacity: capacity)
        for step in steps {
            buckets.add(step: Double(step), time: Double(step) + 1000, value: Double(step))
        }
        return buckets
    }

    @Test func widthDoublesToStayWithinCapacity() {
        let buckets = Self.filled(1...100)

        #expect(buckets.width == 16)
        #expect(buckets.buckets.count <= 8)
        #expect(buckets.filled.reduce(0) { $0 + $1.bucket.count } == 100)
    }

    @Test func summaryTakesTheBucketsStartingInTheRange() {
        let buckets = Self.filled(0...15, capacity: 16)
        let summary = buckets.summary(after: 3, through: 7)

        #expect(summary.count == 4)
        #expect(summary.mean == 5.5)
        #expect(summary.firstTime == 1004)
        #expect(summary.minimum == 4)
        #expect(summary.maximum == 7)
    }

    @Test func trailingWalksBackWholeBuckets() {
        let buckets = Self.filled(0...15, capacity: 16)

        #expect(buckets.trailing(points: 3, atOrBefore: 10)?.mean == 9)
        #expect(buckets.trailing(points: 3, atOrBefore: -1) == nil)
    }

    @Test func lastValuesBeforeAndAtAStep() {
        let buckets = Self.filled(0...15, capacity: 16)

        #expect(buckets.lastValue(before: 5) == 4)
        #expect(buckets.lastValue(atOrBefore: 5) == 5)
        #expect(buckets.lastValue(before: 0) == nil)
    }

    @Test func truncateForgetsAReplayedStretch() {
        var buckets = Self.filled(0...15, capacity: 16)
        buckets.truncate(from: 10)
        buckets.add(step: 10, time: 0, value: 100)

        #expect(buckets.filled.count == 11)
        #expect(buckets.lastValue(atOrBefore: 10) == 100)
    }

    @Test func fellSeesACutInsideTheStretch() {
        var buckets = StepBuckets(capacity: 16)
        for (step, value) in [(1.0, 8.0), (2, 8), (3, 4), (4, 4)] {
            buckets.add(step: step, time: 0, value: value)
        }

        #expect(buckets.fell(from: 3, through: 4))
        #expect(!buckets.fell(from: 4, through: 4))
        #expect(buckets.fell(from: 1, through: 3))
    }

    @Test func coarsenedSummariesLineUpAcrossSeries() {
        var fine = Self.filled(0...15, capacity: 64)
        let coarse = Self.filled(0...255, capacity: 64)
        fine.coarsen(toWidth: coarse.width)

        #expect(fine.width == 4)
        #expect(fine.bucket(at: 1)?.mean == coarse.bucket(at: 1)?.mean)
    }

    @Test func nonFiniteStepsAndValuesAreIgnored() {
        var buckets = StepBuckets(capacity: 4)
        buckets.add(step: .nan, time: 0, value: 1)
        buckets.add(step: 1, time: 0, value: .infinity)

        #expect(buckets.isEmpty)
    }
}
