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

    // 128 step series keep the default target of 100 windows: steps 0…399 end at width 2,
    // 200 windows each. A 129th halves the target to 50: width 4, 100 windows each.
    @Test(arguments: [(128, 200, 2.0), (129, 100, 4.0)])
    func manySeriesShareTheWindowBudget(_ count: Int, _ windows: Int, _ width: Double) {
        let statistics = SeriesStatistics(windowSteps: nil, windowSeconds: 300)
        let descriptors = (0..<count).map { Self.descriptor(Int32($0)) }
        for descriptor in descriptors { statistics.seriesCreated(descriptor) }
        for step in 0..<400 {
            let point = Point(step: Double(step), time: .nan, value: 1, line: 1, file: 0)
            for series in 0..<count { statistics.observe(series: series, point: point) }
        }
        statistics.finish()

        let summaries = statistics.summaries(descriptors: descriptors)
        #expect(summaries.allSatisfy { $0.windows.count == windows })
        #expect(summaries.allSatisfy { $0.windows.first?.end == width })
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

/// Batches of points against the same points one at a time, the path the tests above check.
struct SeriesStatisticsBatchTests {
    /// Three step series, points interleaved as records give them, some NaN or late.
    static func points(count: Int) -> [CommittedPoint] {
        let values = StatsTestData.lognormal(count: count, seed: 21)
        return values.indices.map { index in
            let step = Double(index / 3) - (index % 97 == 0 ? 40 : 0)
            let value = index % 89 == 0 ? .nan : values[index]
            let point = Point(step: step, time: .nan, value: value, line: 1, file: 0)
            return CommittedPoint(series: index % 3, point: point)
        }
    }

    /// The summaries of a run fed `points` in batches of `batch`, or one by one when `nil`;
    /// windows `windowSteps` wide, or adaptive when `nil`.
    static func summaries(
        _ points: [CommittedPoint], batch: Int?, budget: Int, windowSteps: Double?
    ) -> String {
        let statistics = SeriesStatistics(
            windowSteps: windowSteps, windowSeconds: 300, exactBudget: budget)
        let descriptors = (0..<3).map { SeriesStatisticsTests.descriptor(Int32($0)) }
        for descriptor in descriptors { statistics.seriesCreated(descriptor) }
        if let batch {
            points.withUnsafeBufferPointer { points in
                for start in stride(from: 0, to: points.count, by: batch) {
                    let end = min(start + batch, points.count)
                    statistics.observe(UnsafeBufferPointer(rebasing: points[start..<end]))
                }
            }
        } else {
            for item in points { statistics.observe(series: item.series, point: item.point) }
        }
        statistics.finish()
        return "\(statistics.summaries(descriptors: descriptors))"
    }

    // A budget of 1,000 is spent inside the second batch of 700, or before the first batch
    // of 8,192 ends; 100,000 is never spent. Adaptive windows (2,000 steps, 100 to 200
    // windows) double their width inside some batches of 700 and between others, and four
    // times inside one batch of 6,000 (taken in runs between the doubling points).
    @Test(
        arguments: [
            (700, 1_000, 25), (8_192, 1_000, 25), (700, 100_000, 25), (1, 1_000, 25),
            (700, 1_000, nil), (700, 100_000, nil), (8_192, 100_000, nil), (6_000, 100_000, nil),
            (333, 100_000, nil),
        ] as [(Int, Int, Double?)])
    func batchesGiveWhatPointByPointGives(batch: Int, budget: Int, windowSteps: Double?) {
        let points = Self.points(count: 6_000)

        let batched = Self.summaries(
            points, batch: batch, budget: budget, windowSteps: windowSteps)
        let single = Self.summaries(points, batch: nil, budget: budget, windowSteps: windowSteps)

        #expect(batched == single)
    }

    /// The summaries of a run fed `points` through the fan-out in batches of `batch`, which
    /// hands the statistics each batch with its points grouped by series, as it groups them
    /// for an observer taking one series at a time.
    static func summariesThroughFanOut(
        _ points: [CommittedPoint], batch: Int, budget: Int, windowSteps: Double?
    ) -> String {
        let statistics = SeriesStatistics(
            windowSteps: windowSteps, windowSeconds: 300, exactBudget: budget)
        let fanOut = ObserverFanOut()
        fanOut.add(statistics)
        fanOut.add(ObserverFanOutTests.RunLog(wanting: [1]))
        let descriptors = (0..<3).map { SeriesStatisticsTests.descriptor(Int32($0)) }
        var created = ObserverBatch()
        for descriptor in descriptors { created.mark(.seriesCreated(descriptor)) }
        fanOut.deliver(created)
        for start in stride(from: 0, to: points.count, by: batch) {
            var part = ObserverBatch()
            for item in points[start..<min(start + batch, points.count)] {
                part.points.append(item)
            }
            fanOut.deliver(part)
        }
        statistics.finish()
        return "\(statistics.summaries(descriptors: descriptors))"
    }

    @Test(
        arguments: [
            (700, 1_000, 25), (8_192, 1_000, 25), (700, 100_000, 25), (1, 1_000, 25),
            (700, 1_000, nil), (8_192, 100_000, nil), (6_000, 100_000, nil),
        ] as [(Int, Int, Double?)])
    func groupedBatchesGiveWhatPointByPointGives(batch: Int, budget: Int, windowSteps: Double?) {
        let points = Self.points(count: 6_000)

        let grouped = Self.summariesThroughFanOut(
            points, batch: batch, budget: budget, windowSteps: windowSteps)
        let single = Self.summaries(points, batch: nil, budget: budget, windowSteps: windowSteps)

        #expect(grouped == single)
    }
}
