import Testing

@testable import RunLens

struct TrailingWindowTests {
    @Test func keepsTheLastValuesAndTheirMean() {
        var window = TrailingWindow(capacity: 3)
        for value in [1.0, 2, 3, 4, 5] { window.append(value) }

        #expect(window.count == 3)
        #expect(window.ordered == [3, 4, 5])
        #expect(window.mean == 4)
        #expect(window.oldest == 3)
        #expect(window.newest == 5)
    }

    @Test(arguments: [
        ([5.0], 5.0), ([3.0, 1], 2.0), ([9.0, 1, 5], 5.0), ([4.0, 4, 4, 1], 4.0),
        ([2.0, 8, 6, 4], 5.0), ([7.0, 7, 7, 7, 7], 7.0),
    ])
    func medianOfSmallWindows(values: [Double], median: Double) {
        var window = TrailingWindow(capacity: 10)
        for value in values { window.append(value) }
        var scratch: [Double] = []

        #expect(window.median(scratch: &scratch) == median)
    }

    @Test func medianMatchesSortingOnRandomWindows() {
        var random = SeededRandom(seed: 11)
        var scratch: [Double] = []
        for size in 1...60 {
            var window = TrailingWindow(capacity: size)
            var values: [Double] = []
            for _ in 0..<(size * 3) {
                let value = (random.uniform() * 20).rounded()
                window.append(value)
                values.append(value)
            }
            let sorted = values.suffix(size).sorted()
            let middle = sorted.count / 2
            let expected =
                sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            #expect(window.median(scratch: &scratch) == expected)
        }
    }

    @Test func theSumIsRecomputedWhenTheWindowFillsAndAtEveryLap() {
        // 1e17 absorbs the ones added while it is held, so the running sum loses them when it
        // leaves; recomputed from the values held, the sum is theirs again. Capacity 3: the
        // window fills at the third value and laps at the sixth, ninth, … (the 1e17 leaves at
        // the fourth).
        var window = TrailingWindow(capacity: 3)
        var means: [Double] = []
        for value in [1e17, 1, 1, 1, 1, 1, 3, 3, 3, 1e17, 2, 2, 2] {
            window.append(value)
            means.append(window.mean ?? .nan)
        }

        // Where recomputed, the sum of the values held, added oldest first: appends 3
        // (1e17 + 1 + 1), 6 (1 + 1 + 1), 9 (3 + 3 + 3) and 12 (1e17 + 2 + 2).
        let (huge, one, two): (Double, Double, Double) = (1e17, 1, 2)
        let firstSum = huge + one + one
        let lastSum = huge + two + two
        #expect(means[2] == firstSum / 3)
        #expect(means[5] == 1)
        #expect(means[8] == 3)
        #expect(means[11] == lastSum / 3)
        // Between, the running sum: after the 1e17 leaves (append 4), 1e17 + 1 + 1 + 1 − 1e17
        // rounds to 0 (the ones were absorbed), so the mean is 0 until the lap.
        #expect(means[3] == 0)
        #expect(means[4] == 0)
    }

    @Test func emptyWindowHasNoMeanOrMedian() {
        var window = TrailingWindow(capacity: 4)
        window.append(1)
        window.removeAll()
        var scratch: [Double] = []

        #expect(window.mean == nil)
        #expect(window.median(scratch: &scratch) == nil)
        #expect(window.oldest == nil)
    }
}
