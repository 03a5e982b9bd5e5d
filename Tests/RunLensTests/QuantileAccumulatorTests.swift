import Testing

@testable import RunLens

struct QuantileAccumulatorTests {
    static func accumulator(capacity: Int, values: [Double]) -> QuantileAccumulator {
        var accumulator = QuantileAccumulator(exactCapacity: capacity)
        for value in values { accumulator.add(value) }
        return accumulator
    }

    // 1…10 with room for exactly 10: p50 5.5, p95 9.55, p99 9.91 (see ExactQuantilesTests).
    @Test func staysExactUpToCapacity() throws {
        var accumulator = Self.accumulator(capacity: 10, values: (1...10).map(Double.init))

        let result = accumulator.percentiles()
        let percentiles = try #require(result)

        #expect(percentiles.isExact)
        #expect(percentiles.p50 == 5.5)
        #expect(abs(percentiles.p95 - 9.55) < 1e-12)
        #expect(abs(percentiles.p99 - 9.91) < 1e-12)
    }

    @Test func switchesToSketchPastCapacity() throws {
        let values = StatsTestData.lognormal(count: 1_001, seed: 11)
        var accumulator = Self.accumulator(capacity: 1_000, values: values)

        let result = accumulator.percentiles()
        let percentiles = try #require(result)

        #expect(!accumulator.isExact)
        #expect(!percentiles.isExact)
        #expect(accumulator.count == 1_001)
        for (estimate, q) in [
            (percentiles.p50, 0.5), (percentiles.p95, 0.95), (percentiles.p99, 0.99),
        ] {
            let exact = StatsTestData.referenceQuantile(values, q)
            #expect(abs(estimate - exact) <= 0.005 * exact)
        }
    }

    @Test func mergeStaysExactWhenTheUnionFits() throws {
        var left = Self.accumulator(capacity: 4, values: [4, 1])
        let right = Self.accumulator(capacity: 4, values: [3, 2])

        left.merge(right)

        // 1, 2, 3, 4: h = 1.5 → 2.5
        #expect(left.isExact)
        let result = left.percentiles()
        #expect(try #require(result).p50 == 2.5)
    }

    @Test func mergeSwitchesToSketchWhenTheUnionOverflows() throws {
        var left = Self.accumulator(capacity: 4, values: [4, 1, 5])
        let right = Self.accumulator(capacity: 4, values: [3, 2])

        left.merge(right)

        // 1…5: h = 2 → 3, within 0.5%.
        #expect(!left.isExact)
        #expect(left.count == 5)
        let result = left.percentiles()
        #expect(abs(try #require(result).p50 - 3) <= 0.015)
    }

    @Test func sketchOfExactValuesEqualsDirectSketch() {
        let values = [0.5, -2, 7, 7, 0]
        let accumulator = Self.accumulator(capacity: 100, values: values)
        var direct = QuantileSketch()
        for value in values { direct.add(value) }

        #expect(accumulator.makeSketch() == direct)
    }

    // A batch that fills the exact buffer and spills the rest: the same sketch, count and
    // percentiles as the values added one at a time, whether the buffer had room reserved.
    @Test(arguments: [0, 3, 16, 64, 65, 1_000])
    func batchThatSpillsEqualsOneByOne(capacity: Int) throws {
        var values = StatsTestData.lognormal(count: 300, seed: UInt64(capacity))
        values[10] = -values[10]
        values[20] = 0
        values[30] = .nan
        var batched = Self.accumulator(capacity: capacity, values: [2, 1])
        values.withUnsafeBufferPointer { batched.add(contentsOf: $0) }
        var single = Self.accumulator(capacity: capacity, values: [2, 1] + values)

        #expect(batched.isExact == single.isExact)
        #expect(batched.count == single.count)
        #expect(batched.makeSketch() == single.makeSketch())
        #expect(batched.percentiles() == single.percentiles())
    }

    // Finite values past the exact room (a window's run of values): the held values and the
    // batch go to the sketch together, in one pass up to 512 values and in two calls past
    // that, with the same sketch, count and percentiles as one value at a time.
    @Test(arguments: [(0, 40), (3, 40), (16, 40), (16, 600), (64, 65), (100, 511)])
    func finiteBatchThatSpillsEqualsOneByOne(capacity: Int, count: Int) throws {
        var values = StatsTestData.lognormal(count: count, seed: UInt64(capacity + count))
        values[5] = -values[5]
        values[7] = 0
        var batched = QuantileAccumulator(exactCapacity: capacity, expected: 8)
        batched.add(2)
        batched.add(-0.0)
        values.withUnsafeBufferPointer { batched.add(finiteValues: $0) }
        var single = Self.accumulator(capacity: capacity, values: [2, -0.0] + values)

        #expect(!batched.isExact)
        #expect(batched.isExact == single.isExact)
        #expect(batched.count == count + 2)
        #expect(batched.makeSketch() == single.makeSketch())
        #expect(batched.percentiles() == single.percentiles())
    }

    @Test func zeroCapacityUsesTheSketchAtOnce() {
        let accumulator = Self.accumulator(capacity: 0, values: [1, 2])

        #expect(!accumulator.isExact)
        #expect(accumulator.count == 2)
    }

    @Test func removeAllStartsExactAgain() {
        var accumulator = Self.accumulator(capacity: 2, values: [1, 2, 3])

        accumulator.removeAll()
        accumulator.add(8)

        #expect(accumulator.isExact)
        let result = accumulator.percentiles()
        #expect(result?.p99 == 8)
    }
}
