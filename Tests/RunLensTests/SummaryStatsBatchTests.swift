import Testing

@testable import RunLens

/// `SummaryStats.add(positions:finiteValues:)` and `ExactQuantiles.append(finiteValues:)`
/// against the same values added one at a time: every figure bit for bit (compared through
/// descriptions and bit patterns, so that −0 differs from 0).
struct SummaryStatsBatchTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let positions: [Double]
        let values: [Double]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "rising", positions: [1, 2, 3, 4, 5], values: [3, -1, 4, 1, 5]),
        Case(name: "rising past the last", positions: [5, 6, 7], values: [1, 2, 3]),
        Case(name: "ties", positions: [2, 2, 2, 3, 3], values: [1, 2, 3, 4, 5]),
        Case(name: "falling at the end", positions: [1, 2, 3, 4, 0.5], values: [1, 2, 3, 4, 9]),
        Case(name: "falling then rising", positions: [5, 3, 8, 8, 7], values: [1, 2, 3, 4, 5]),
        Case(name: "NaN position", positions: [1, .nan, 3, 2], values: [1, 2, 3, 4]),
        Case(name: "last below an earlier one", positions: [1, 2, 3], values: [7, 8, 9]),
        Case(name: "zeros of both signs", positions: [1, 2, 3, 4], values: [0, -0.0, 0, -0.0]),
        Case(name: "negative zero first", positions: [1, 2, 3], values: [-0.0, 0, 1]),
        Case(name: "one value", positions: [4], values: [2.5]),
    ]

    /// A summary that has seen values before, at positions the case must move past.
    static func start() -> SummaryStats {
        var summary = SummaryStats()
        summary.add(position: 2.5, value: 0.125)
        summary.add(position: 6, value: -3)
        return summary
    }

    static func describe(_ summary: SummaryStats) -> String {
        let figures = [
            summary.sum, summary.runningMean, summary.m2, summary.minimum, summary.maximum,
        ]
        let ends = [summary.first, summary.last].map { String(describing: $0) }
        return "\(summary.count) \(figures.map(\.bitPattern)) \(ends)"
    }

    @Test(arguments: cases)
    func batchEqualsOneByOne(_ test: Case) {
        var batched = Self.start()
        var single = Self.start()

        test.positions.withUnsafeBufferPointer { positions in
            test.values.withUnsafeBufferPointer {
                batched.add(positions: positions, finiteValues: $0)
            }
        }
        for (position, value) in zip(test.positions, test.values) {
            single.add(position: position, value: value)
        }

        #expect(Self.describe(batched) == Self.describe(single))
    }

    @Test func finiteAppendKeepsOrderFlagAsOneByOne() {
        let runs: [[Double]] = [[1, 2], [2, 3], [0.5], [4, 5]]
        var batched = ExactQuantiles()
        var single = ExactQuantiles()
        var flags: [Bool] = []
        for run in runs {
            run.withUnsafeBufferPointer { batched.append(finiteValues: $0) }
            for value in run { single.append(value) }
            flags.append(batched.isSorted)
            #expect(batched.isSorted == single.isSorted)
            #expect(batched.values == single.values)
        }

        #expect(flags == [true, true, false, false])
    }
}
