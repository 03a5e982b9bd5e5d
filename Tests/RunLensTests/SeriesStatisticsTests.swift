import Testing

@testable import RunLens

struct SeriesStatisticsTests {
    static func descriptor(_ field: Int32) -> SeriesDescriptor {
        SeriesDescriptor(
            key: SeriesKey(field: field, rank: -1, device: -1),
            info: FieldInfo(rawName: "loss\(field)", matcher: RoleMatcher()), axis: .step)
    }

    /// Feeds `count` lognormal values at steps 0… to each of two series; returns the values.
    static func feed(_ statistics: SeriesStatistics, count: Int) -> [[Double]] {
        let values = [
            StatsTestData.lognormal(count: count, seed: 11),
            StatsTestData.lognormal(count: count, seed: 12),
        ]
        statistics.seriesCreated(descriptor(0))
        statistics.seriesCreated(descriptor(1))
        for step in 0..<count {
            for series in 0..<2 {
                let point = Point(
                    step: Double(step), time: .nan, value: values[series][step], line: 1, file: 0)
                statistics.observe(series: series, point: point)
            }
        }
        statistics.finish()
        return values
    }

    // 2 × 190 values stay within a budget of 1,000: every quantile is exact.
    @Test func smallRunWithinTheBudgetStaysExact() throws {
        let statistics = SeriesStatistics(windowSteps: 50, windowSeconds: 300, exactBudget: 1_000)
        let values = Self.feed(statistics, count: 190)

        let summaries = statistics.summaries(descriptors: [Self.descriptor(0), Self.descriptor(1)])
        for (summary, series) in zip(summaries, values) {
            #expect(summary.stats.quantilesExact)
            let p95 = StatsTestData.referenceQuantile(series, 0.95)
            #expect(abs(try #require(summary.stats.p95) - p95) <= 1e-12 * p95)
            let exactWindows = summary.windows.filter { $0.stats.quantilesExact }
            #expect(exactWindows.count == summary.windows.count)
        }
    }

    // 2 × 3,000 values spend a budget of 1,000: the run's quantiles come from the sketch
    // (within its 0.5% bound), windows of 500 values exceed their share (1,000 / (2 × 3))
    // and use it too, while counts and means stay exact.
    @Test func spentBudgetMovesQuantilesToTheSketch() throws {
        let statistics = SeriesStatistics(windowSteps: 500, windowSeconds: 300, exactBudget: 1_000)
        let values = Self.feed(statistics, count: 3_000)

        let summaries = statistics.summaries(descriptors: [Self.descriptor(0), Self.descriptor(1)])
        for (summary, series) in zip(summaries, values) {
            #expect(!summary.stats.quantilesExact)
            #expect(summary.stats.count == 3_000)
            let mean = series.reduce(0, +) / 3_000
            #expect(abs(try #require(summary.stats.mean) - mean) <= 1e-9 * mean)
            for (estimate, q) in [(summary.stats.p50, 0.5), (summary.stats.p95, 0.95)] {
                let exact = StatsTestData.referenceQuantile(series, q)
                #expect(abs(try #require(estimate) - exact) <= 0.005 * exact)
            }
            #expect(summary.windows.count == 6)
            #expect(!(summary.windows.last?.stats.quantilesExact ?? true))
        }
    }
}
