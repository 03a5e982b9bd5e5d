import Testing

@testable import RunLens

struct ValueReservoirTests {
    @Test func quantilesInterpolateBetweenClosestRanks() throws {
        var reservoir = ValueReservoir(capacity: 10)
        for value in [4.0, 1, 3, 2] { reservoir.add(value) }
        let distribution = try #require(reservoir.distribution())

        // Ranks 0.5·3, 0.95·3, 0.99·3 between the sorted values 1, 2, 3, 4.
        #expect(distribution.p50 == 2.5)
        #expect(abs(distribution.p95 - 3.85) < 1e-12)
        #expect(abs(distribution.p99 - 3.97) < 1e-12)
        #expect(distribution.mean == 2.5)
        #expect(distribution.min == 1 && distribution.max == 4)
        #expect(distribution.exact)
    }

    @Test func singleValueIsEveryQuantile() throws {
        var reservoir = ValueReservoir(capacity: 10)
        reservoir.add(0.12)
        let distribution = try #require(reservoir.distribution())

        #expect(distribution.p50 == 0.12 && distribution.p99 == 0.12 && distribution.count == 1)
    }

    @Test func nonFiniteValuesAreIgnored() throws {
        var reservoir = ValueReservoir(capacity: 10)
        for value in [Double.nan, .infinity, 5, -.infinity] { reservoir.add(value) }
        let distribution = try #require(reservoir.distribution())

        #expect(distribution.count == 1 && distribution.max == 5)
    }

    @Test func emptyReservoirHasNoDistribution() {
        #expect(ValueReservoir(capacity: 3).distribution() == nil)
    }

    @Test func pastTheCapCountsStayExactAndMemoryBounded() throws {
        var reservoir = ValueReservoir(capacity: 10)
        for value in 1...1000 { reservoir.add(Double(value)) }
        let distribution = try #require(reservoir.distribution())

        #expect(reservoir.values.count == 10)
        #expect(distribution.count == 1000)
        #expect(distribution.mean == 500.5)
        #expect(distribution.min == 1 && distribution.max == 1000)
        #expect(!distribution.exact)
    }
}
