import Testing

@testable import RunLens

struct StepHistorySumsTests {
    @Test func sumsTakeTheBucketsStartingInTheRange() {
        let buckets = StepHistoryTests.filled(0...15, capacity: 16)
        let sums = buckets.sums(after: 3, through: 7)

        #expect(sums.count == 4)
        #expect(sums.sum == 22)
        #expect(sums.mean == 5.5)
        #expect(sums.sumOfSquares == 126)
        #expect(sums.firstStep == 4)
        #expect(sums.lastStep == 7)
        #expect(sums.firstTime == 1004)
    }

    @Test func coarseBucketsCountByTheirFirstStep() {
        // Width 16: the bucket of steps 0–15 starts before 10 and is left out; the one of
        // 48–63 starts at 48, inside, and counts whole.
        let buckets = StepHistoryTests.filled(0...99, capacity: 8)
        let sums = buckets.sums(after: 10, through: 50)

        #expect(buckets.width == 16)
        #expect(sums.count == 48)
        #expect(sums.sum == 1896)
        #expect(sums.firstStep == 16)
        #expect(sums.lastStep == 63)
    }

    @Test func emptyOrReversedRangesHaveNoValues() {
        let buckets = StepHistoryTests.filled(0...15, capacity: 16)

        #expect(buckets.sums(after: 7, through: 3).count == 0)
        #expect(buckets.sums(after: 20, through: 30).count == 0)
        #expect(buckets.sums(after: -10, through: -1).count == 0)
        #expect(buckets.sums(after: .nan, through: 4).count == 0)
        #expect(StepHistory(capacity: 8).sums(after: 0, through: 4).count == 0)
    }

    @Test func sumsAgreeWithTheSummaryOnRandomHistories() {
        var random = SeededRandom(seed: 5)
        for round in 0..<200 {
            var history = StepHistory(capacity: 4 + round % 40)
            var step = (random.uniform() - 0.5) * 200
            for _ in 0..<(1 + round * 3) {
                // Gaps leave empty buckets; the values' rounding shows the summing order.
                step += random.uniform() < 0.2 ? random.uniform() * 30 : 1
                history.add(step: step, time: step * 2, value: random.uniform() * 1e3 + 0.1)
            }
            for _ in 0..<20 {
                let lower = (random.uniform() - 0.5) * 400
                let upper = lower + random.uniform() * 200
                let expected = history.summary(after: lower, through: upper)
                let sums = history.sums(after: lower, through: upper)

                #expect(sums.count == expected.count)
                guard expected.count > 0 else { continue }
                #expect(sums.sum == expected.sum)
                #expect(sums.sumOfSquares == expected.sumOfSquares)
                #expect(sums.firstStep == expected.firstStep)
                #expect(sums.lastStep == expected.lastStep)
                #expect(sums.firstTime == expected.firstTime)
            }
        }
    }
}
