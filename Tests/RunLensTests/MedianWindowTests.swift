import Testing

@testable import RunLens

struct MedianWindowTests {
    @Test(arguments: [
        ([5.0], 5.0), ([3.0, 1], 2.0), ([9.0, 1, 5], 5.0), ([4.0, 4, 4, 1], 4.0),
        ([2.0, 8, 6, 4], 5.0), ([7.0, 7, 7, 7, 7], 7.0), ([1.0, .infinity, 3], 3.0),
    ])
    func medianOfSmallWindows(values: [Double], median: Double) {
        var window = MedianWindow(capacity: 10)
        for value in values { window.append(value) }

        #expect(window.count == values.count)
        #expect(window.median == median)
    }

    @Test func forgetsTheOldestValueOnceFull() {
        var window = MedianWindow(capacity: 3)
        for value in [100.0, 1, 2, 3] { window.append(value) }

        #expect(window.count == 3)
        #expect(window.median == 2)
        window.append(-50)
        #expect(window.median == 2)
        window.append(-40)
        #expect(window.median == -40)
    }

    @Test func medianMatchesSortingTheLastValuesOnRandomRuns() {
        var random = SeededRandom(seed: 23)
        for size in 1...40 {
            var window = MedianWindow(capacity: size)
            var values: [Double] = []
            for step in 0..<(size * 5) {
                // Ties (rounded values) and distinct values both, rising and falling.
                let noise = random.uniform() * 20
                let value = step % 3 == 0 ? noise.rounded() : noise + Double(step % 7)
                window.append(value)
                values.append(value)

                let sorted = values.suffix(size).sorted()
                let middle = sorted.count / 2
                let expected =
                    sorted.count % 2 == 1
                    ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
                #expect(window.median == expected)
                #expect(window.count == sorted.count)
            }
        }
    }

    @Test func emptiedWindowHasNoMedianAndFillsAgain() {
        var window = MedianWindow(capacity: 2)
        for value in [1.0, 2, 3] { window.append(value) }
        window.removeAll()

        #expect(window.median == nil)
        #expect(window.count == 0)
        window.append(8)
        window.append(4)
        window.append(10)
        #expect(window.median == 7)
    }
}
