import Foundation
import Testing

@testable import RunLens

struct SummaryStatsTests {
    static func summary(of values: [Double], from start: Double = 1) -> SummaryStats {
        var summary = SummaryStats()
        for (offset, value) in values.enumerated() {
            summary.add(position: start + Double(offset), value: value)
        }
        return summary
    }

    static let oneToTen = (1...10).map(Double.init)

    // Mean 55 / 10 = 5.5. Squared deviations: 2 · (4.5² + 3.5² + 2.5² + 1.5² + 0.5²)
    // = 2 · 41.25 = 82.5; sample variance 82.5 / 9 = 9.1666…; std √9.1666… = 3.0276503540974917
    // (NumPy std(ddof=1) agrees).
    @Test func oneToTen() throws {
        let summary = Self.summary(of: Self.oneToTen)

        #expect(summary.count == 10)
        #expect(summary.mean == 5.5)
        #expect(abs(try #require(summary.std) - 3.0276503540974917) < 1e-12)
        #expect(abs(try #require(summary.variance) - 82.5 / 9) < 1e-12)
        #expect(summary.min == 1)
        #expect(summary.max == 10)
        #expect(summary.sum == 55)
        #expect(summary.first == Observation(position: 1, value: 1))
        #expect(summary.last == Observation(position: 10, value: 10))
    }

    @Test func oneValueHasZeroDeviationAndNoneHasNone() {
        #expect(Self.summary(of: [4]).std == 0)
        #expect(SummaryStats().std == nil)
        #expect(SummaryStats().mean == nil)
        #expect(SummaryStats().min == nil)
    }

    @Test func nonFiniteValuesAreCountedApart() {
        let summary = Self.summary(of: [1, .nan, .infinity, -.infinity, .nan, 3])

        #expect(summary.count == 2)
        #expect(summary.nanCount == 2)
        #expect(summary.positiveInfinityCount == 1)
        #expect(summary.negativeInfinityCount == 1)
        #expect(summary.nonfinite == 4)
        #expect(summary.mean == 2)
        #expect(summary.max == 3)
    }

    @Test func firstAndLastFollowPositionNotArrival() {
        var summary = SummaryStats()
        summary.add(position: 5, value: 50)
        summary.add(position: 3, value: 30)
        summary.add(position: 7, value: 70)
        summary.add(position: 7, value: 71)
        summary.add(position: 6, value: .nan)

        #expect(summary.first == Observation(position: 3, value: 30))
        #expect(summary.last == Observation(position: 7, value: 71))
    }

    @Test func lastValueMayBeNaN() throws {
        let summary = Self.summary(of: [2, 1, .nan])

        #expect(try #require(summary.last?.value).isNaN)
        #expect(summary.count == 2)
    }

    @Test(arguments: [0, 1, 3, 5, 9, 10])
    func mergeEqualsOnePass(split: Int) throws {
        let values = [3.5, -2, 8, 8, 0.25, 1e3, -7.5, 4, .nan, 6]
        let whole = Self.summary(of: values)
        var left = Self.summary(of: Array(values[..<split]))
        let right = Self.summary(of: Array(values[split...]), from: 1 + Double(split))

        left.merge(right)

        #expect(left.count == whole.count)
        #expect(left.nonfinite == whole.nonfinite)
        #expect(abs(try #require(left.mean) - (try #require(whole.mean))) < 1e-12)
        #expect(abs(try #require(left.std) - (try #require(whole.std))) < 1e-9)
        #expect(left.min == whole.min)
        #expect(left.max == whole.max)
        #expect(left.sum == whole.sum)
        #expect(left.first == whole.first)
        #expect(left.last == whole.last)
    }

    // Values 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, deviations −6, −3, 3, 6, squares sum 90,
    // sample variance 90 / 3 = 30. A naive sum of squares loses this to cancellation.
    @Test func largeOffsetKeepsVarianceInOnePassAndMerged() throws {
        let values = [4.0, 7, 13, 16].map { 1e9 + $0 }
        let whole = Self.summary(of: values)
        var left = Self.summary(of: Array(values[..<2]))
        left.merge(Self.summary(of: Array(values[2...]), from: 3))

        #expect(abs(try #require(whole.variance) - 30) < 1e-6)
        #expect(abs(try #require(left.variance) - 30) < 1e-6)
    }

    @Test func mergeOnTiesKeepsEarliestFirstAndLatestLast() {
        var earlier = SummaryStats()
        earlier.add(position: 10, value: 1)
        var later = SummaryStats()
        later.add(position: 10, value: 2)

        earlier.merge(later)

        #expect(earlier.first?.value == 1)
        #expect(earlier.last?.value == 2)
    }

    @Test func codableRoundTripKeepsNonFiniteLastValue() throws {
        var summary = Self.summary(of: [1.5, -2, 9])
        summary.add(position: 4, value: .nan)
        summary.add(position: 5, value: -.infinity)

        let data = try JSONEncoder().encode(summary)
        let decoded = try JSONDecoder().decode(SummaryStats.self, from: data)

        #expect(decoded.count == 3)
        #expect(decoded.nanCount == 1)
        #expect(decoded.negativeInfinityCount == 1)
        #expect(decoded.mean == summary.mean)
        #expect(decoded.std == summary.std)
        #expect(decoded.min == -2)
        #expect(decoded.last == Observation(position: 5, value: -.infinity))
        #expect(String(decoding: data, as: UTF8.self).contains("\"-Infinity\""))
    }

    @Test func decodingRefusesNegativeCounts() {
        let json =
            #"{"count":-1,"nan":0,"positiveInfinity":0,"negativeInfinity":0,"#
            + #""sum":0,"mean":0,"m2":0}"#

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SummaryStats.self, from: Data(json.utf8))
        }
    }
}
