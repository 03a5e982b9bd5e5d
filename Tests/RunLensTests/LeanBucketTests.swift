import Testing

@testable import RunLens

/// The smaller buckets of the detectors that need only means (``MeanBucket``) or means and
/// their noise (``SumsBucket``): their figures are those a full ``StepBucket`` gives for the
/// same values, worked out here by hand.
struct LeanBucketTests {
    /// Steps 0...15 at times 1000...1015, each step's value the step itself.
    static func filled<Bucket: HistoryBucket>(
        _ steps: ClosedRange<Int>, capacity: Int = 16, as _: Bucket.Type
    ) -> BucketHistory<Bucket> {
        var history = BucketHistory<Bucket>(capacity: capacity)
        for step in steps {
            history.add(step: Double(step), time: Double(step) + 1000, value: Double(step))
        }
        return history
    }

    @Test func leanBucketsAreHalfOrThreeFifthsOfAFullOne() {
        #expect(MemoryLayout<StepBucket>.stride == 80)
        #expect(MemoryLayout<MeanBucket>.stride == 40)
        #expect(MemoryLayout<SumsBucket>.stride == 48)
    }

    @Test func aMeanBucketKeepsCountSumAndEnds() {
        var bucket = MeanBucket()
        bucket.add(step: 4, time: 104, value: 2)
        bucket.add(step: 5, time: 105, value: 3)
        var later = MeanBucket()
        later.add(step: 6, time: 106, value: 7)
        bucket.merge(later)
        bucket.merge(MeanBucket())

        #expect(bucket.count == 3)
        #expect(bucket.mean == 4)
        #expect(bucket.firstStep == 4)
        #expect(bucket.firstTime == 104)
        #expect(bucket.lastStep == 6)
    }

    @Test func aSumsBucketAlsoKeepsTheSumOfSquares() {
        var bucket = SumsBucket()
        var later = SumsBucket()
        later.add(step: 9, time: 9, value: 3)
        bucket.merge(later)
        bucket.add(step: 10, time: 10, value: 4)

        #expect(bucket.count == 2)
        #expect(bucket.sum == 7)
        #expect(bucket.sumOfSquares == 25)
        #expect(bucket.firstStep == 9)
        #expect(bucket.lastStep == 10)
    }

    /// Steps 4...7 have values 4...7: mean 5.5; the window starts at step 4 (time 1004).
    @Test func aMeanHistorySummarisesTheBucketsStartingInTheRange() {
        let history = Self.filled(0...15, as: MeanBucket.self)
        let summary = history.summary(after: 3, through: 7)

        #expect(summary.count == 4)
        #expect(summary.mean == 5.5)
        #expect(summary.firstTime == 1004)
        #expect(summary.firstStep == 4)
        #expect(summary.lastStep == 7)
        #expect(history.summary(after: 20, through: 30).count == 0)
    }

    /// At or before step 10, walking back whole buckets of width 1 until 3 points: 8, 9, 10.
    @Test func aMeanHistoryWalksBackWholeBuckets() {
        let history = Self.filled(0...15, as: MeanBucket.self)

        #expect(history.trailing(points: 3, atOrBefore: 10)?.mean == 9)
        #expect(history.trailing(points: 3, atOrBefore: -1) == nil)
    }

    /// 100 steps in 8 buckets: width 16, and buckets of 16 values; the second (steps 16–31)
    /// has mean 23.5 and sum of squares 16²+…+31² = 9,176.
    @Test func leanHistoriesCoarsenAsAFullOneDoes() {
        let means = Self.filled(1...100, capacity: 8, as: MeanBucket.self)
        let sums = Self.filled(1...100, capacity: 8, as: SumsBucket.self)
        let full = Self.filled(1...100, capacity: 8, as: StepBucket.self)

        #expect(means.width == 16)
        #expect(sums.width == 16)
        #expect(means.bucket(at: 1)?.mean == 23.5)
        #expect(means.bucket(at: 1)?.firstStep == 16)
        #expect(means.bucket(at: 1)?.lastStep == 31)
        #expect(sums.bucket(at: 1)?.sumOfSquares == 9_176)
        #expect(full.bucket(at: 1)?.sumOfSquares == 9_176)
    }

    /// Steps 2...5 (values 2...5): count 4, sum 14, squares 4+9+16+25 = 54, from step 2
    /// (time 1002) to step 5, whichever bucket keeps them.
    @Test func windowSumsAreTheSameFromFullAndLeanBuckets() {
        let sums = Self.filled(0...15, as: SumsBucket.self).sums(after: 1, through: 5)
        let full = Self.filled(0...15, as: StepBucket.self).sums(after: 1, through: 5)
        let figures = [
            [sums.sum, sums.sumOfSquares, sums.firstStep, sums.firstTime, sums.lastStep],
            [full.sum, full.sumOfSquares, full.firstStep, full.firstTime, full.lastStep],
        ]

        #expect(sums.count == 4)
        #expect(full.count == 4)
        #expect(figures[0] == [14, 54, 2, 1002, 5])
        #expect(figures[1] == [14, 54, 2, 1002, 5])
    }
}
