import Testing

@testable import RunLens

struct ExactQuantilesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let q: Double
        let expected: Double
        var testDescription: String { "q=\(q)" }
    }

    // Values 1...10, n − 1 = 9:
    //   q = 0.50: h = 4.5,  x[4] = 5, x[5] = 6  → 5 + 0.5 · 1  = 5.5
    //   q = 0.95: h = 8.55, x[8] = 9, x[9] = 10 → 9 + 0.55 · 1 = 9.55
    //   q = 0.99: h = 8.91                      → 9 + 0.91 · 1 = 9.91
    //   q = 0.25: h = 2.25, x[2] = 3            → 3.25
    //   q = 0 and 1: the extremes. NumPy's quantile(…, method="linear") agrees on all.
    @Test(arguments: [
        Case(q: 0.5, expected: 5.5), Case(q: 0.95, expected: 9.55), Case(q: 0.99, expected: 9.91),
        Case(q: 0.25, expected: 3.25), Case(q: 0, expected: 1), Case(q: 1, expected: 10),
    ])
    func linearQuantileOfOneToTen(_ test: Case) throws {
        var quantiles = ExactQuantiles()
        for value in [7.0, 3, 10, 1, 5, 9, 2, 8, 6, 4] { quantiles.append(value) }

        let value = quantiles.quantile(test.q)

        #expect(abs(try #require(value) - test.expected) < 1e-12)
    }

    @Test func singleValueIsEveryQuantile() {
        var quantiles = ExactQuantiles()
        quantiles.append(42)

        #expect(quantiles.quantile(0) == 42)
        #expect(quantiles.quantile(0.99) == 42)
        #expect(quantiles.quantile(1) == 42)
    }

    @Test func emptyOrNaNQuantileIsNil() {
        var quantiles = ExactQuantiles()
        #expect(quantiles.quantile(0.5) == nil)

        quantiles.append(1)
        #expect(quantiles.quantile(.nan) == nil)
    }

    @Test func quantileLevelOutsideUnitRangeIsClamped() {
        var quantiles = ExactQuantiles()
        for value in [2.0, 8, 5] { quantiles.append(value) }

        #expect(quantiles.quantile(-3) == 2)
        #expect(quantiles.quantile(7) == 8)
    }

    @Test func nonFiniteValuesAreIgnored() {
        var quantiles = ExactQuantiles()
        for value in [1.0, .nan, 3, .infinity, -.infinity] { quantiles.append(value) }

        #expect(quantiles.count == 2)
        #expect(quantiles.quantile(0.5) == 2)
    }

    @Test func appendingAnotherBufferKeepsEveryValue() {
        var left = ExactQuantiles()
        var right = ExactQuantiles()
        for value in [4.0, 1] { left.append(value) }
        for value in [3.0, 2] { right.append(value) }

        left.append(contentsOf: right)

        // 1, 2, 3, 4: h = 1.5 → 2.5
        #expect(left.count == 4)
        #expect(left.quantile(0.5) == 2.5)
    }

    @Test func removeAllKeepsCapacityForReuse() {
        var quantiles = ExactQuantiles(reservingCapacity: 64)
        for value in 0..<50 { quantiles.append(Double(50 - value)) }
        let capacity = quantiles.values.capacity

        quantiles.removeAll()
        quantiles.append(9)
        quantiles.append(7)

        #expect(quantiles.values.capacity == capacity)
        #expect(quantiles.quantile(0) == 7)
    }

    @Test func agreesWithTextbookDefinitionOnRandomData() throws {
        let values = StatsTestData.lognormal(count: 1001, seed: 7)
        var quantiles = ExactQuantiles()
        for value in values { quantiles.append(value) }

        for q in [0.01, 0.3, 0.5, 0.77, 0.95, 0.99] {
            let value = quantiles.quantile(q)
            let reference = StatsTestData.referenceQuantile(values, q)
            #expect(abs(try #require(value) - reference) <= 1e-12 * abs(reference))
        }
    }

    enum Shape: String, CaseIterable, Sendable {
        case random, sorted, reversed, allEqual, fewDistinct, organPipe
    }

    static func values(_ shape: Shape, count: Int, seed: UInt64) -> [Double] {
        var generator = StatsTestData.Generator(state: seed)
        let random = (0..<count).map { _ in Double.random(in: -1..<1, using: &generator) }
        switch shape {
        case .random: return random
        case .sorted: return random.sorted()
        case .reversed: return random.sorted(by: >)
        case .allEqual: return Array(repeating: 3, count: count)
        case .fewDistinct: return random.map { ($0 * 2).rounded() }
        case .organPipe: return (0..<count).map { Double(min($0, count - $0)) }
        }
    }

    // Selection must give exactly what sorting gives: the same order statistics, the same
    // interpolation. Sizes 1…300 cover tiny ranges and several partition rounds.
    @Test(arguments: Shape.allCases)
    func percentilesBySelectionEqualSorting(_ shape: Shape) throws {
        for count in 1...300 {
            let values = Self.values(shape, count: count, seed: UInt64(count))
            var selected = ExactQuantiles()
            var sorted = ExactQuantiles()
            for value in values {
                selected.append(value)
                sorted.append(value)
            }

            let result = selected.percentiles()
            let expected = [sorted.quantile(0.5), sorted.quantile(0.95), sorted.quantile(0.99)]

            let percentiles = try #require(result)
            #expect([percentiles.p50, percentiles.p95, percentiles.p99] == expected)
            #expect(percentiles.isExact)
        }
    }

    @Test func percentilesOfOneToTenBySelection() throws {
        var quantiles = ExactQuantiles()
        for value in [7.0, 3, 10, 1, 5, 9, 2, 8, 6, 4] { quantiles.append(value) }

        let result = quantiles.percentiles()

        let percentiles = try #require(result)
        #expect(percentiles.p50 == 5.5)
        #expect(abs(percentiles.p95 - 9.55) < 1e-12)
        #expect(abs(percentiles.p99 - 9.91) < 1e-12)
        var empty = ExactQuantiles()
        #expect(empty.percentiles() == nil)
    }
}
