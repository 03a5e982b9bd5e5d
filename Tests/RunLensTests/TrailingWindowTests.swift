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
