import Testing

@testable import RunLens

struct MetricDigestTests {
    @Test func quantilesInterpolateBetweenClosestRanks() throws {
        var digest = MetricDigest(capacity: 10)
        for value in [4.0, 1, 3, 2] { digest.add(value) }
        let distribution = try #require(digest.distribution())

        // Ranks 0.5·3, 0.95·3, 0.99·3 between the sorted values 1, 2, 3, 4.
        #expect(distribution.p50 == 2.5)
        #expect(abs(distribution.p95 - 3.85) < 1e-12)
        #expect(abs(distribution.p99 - 3.97) < 1e-12)
        #expect(distribution.mean == 2.5)
        #expect(distribution.min == 1 && distribution.max == 4)
        #expect(distribution.exact)
    }

    @Test func singleValueIsEveryQuantile() throws {
        var digest = MetricDigest(capacity: 10)
        digest.add(0.12)
        let distribution = try #require(digest.distribution())

        #expect(distribution.p50 == 0.12 && distribution.p99 == 0.12 && distribution.count == 1)
    }

    @Test func nonFiniteValuesAreIgnored() throws {
        var digest = MetricDigest(capacity: 10)
        for value in [Double.nan, .infinity, 5, -.infinity] { digest.add(value) }
        let distribution = try #require(digest.distribution())

        #expect(distribution.count == 1 && distribution.max == 5)
    }

    @Test func emptyDigestHasNoDistribution() {
        #expect(MetricDigest(capacity: 3).distribution() == nil)
    }

    @Test func pastTheCapQuantilesComeFromTheSketchWithinHalfAPercent() throws {
        var digest = MetricDigest(capacity: 10)
        for value in 1...1000 { digest.add(Double(value)) }
        let distribution = try #require(digest.distribution())

        // Exact linear quantiles of 1…1000: 500.5, 950.05, 990.01.
        #expect(distribution.count == 1000)
        #expect(distribution.mean == 500.5)
        #expect(distribution.min == 1 && distribution.max == 1000)
        #expect(abs(distribution.p50 / 500.5 - 1) <= 0.005)
        #expect(abs(distribution.p95 / 950.05 - 1) <= 0.005)
        #expect(abs(distribution.p99 / 990.01 - 1) <= 0.005)
        #expect(!distribution.exact)
    }

    @Test func readingTwiceGivesTheSameAnswer() {
        var digest = MetricDigest(capacity: 100)
        for value in [9.0, 3, 7, 1, 5] { digest.add(value) }
        #expect(digest.distribution() == digest.distribution())
    }
}
