import Testing

@testable import RunLens

struct TheilSenTrendTests {
    @Test func anOutlierDoesNotMoveTheSlope() throws {
        // Pairwise slopes 1,1,1,10,1,1,13,1,19,37: median 1; offsets 0,0,0,0,36: median 0.
        let points: [(x: Double, y: Double)] = [(0, 0), (1, 1), (2, 2), (3, 3), (4, 40)]
        let trend = try #require(TheilSenTrend(points))

        #expect(trend.slope == 1)
        #expect(trend.intercept == 0)
        #expect(trend.consistency == 1)
        #expect(trend.value(at: 10) == 10)
    }

    @Test func consistencyCountsConcordantMinusDiscordantPairs() throws {
        // Pairs: (0,1)+ (0,2)+ (0,3)- (1,2)- (1,3)- (2,3)-: (2 - 4) / 6.
        let points: [(x: Double, y: Double)] = [(0, 1), (1, 3), (2, 2), (3, 0)]
        let trend = try #require(TheilSenTrend(points))

        #expect(abs(trend.consistency - (-1.0 / 3)) < 1e-12)
    }

    @Test func aFlatLineHasZeroSlopeAndConsistency() throws {
        let trend = try #require(TheilSenTrend([(0, 5), (1, 5), (2, 5)]))

        #expect(trend.slope == 0)
        #expect(trend.consistency == 0)
    }

    @Test func fewerThanTwoDistinctPositionsFitNothing() {
        #expect(TheilSenTrend([(1, 2)]) == nil)
        #expect(TheilSenTrend([(1, 2), (1, 3)]) == nil)
    }
}
