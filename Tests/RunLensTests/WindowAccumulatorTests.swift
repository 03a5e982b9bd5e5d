import Foundation
import Testing

@testable import RunLens

struct WindowAccumulatorTests {
    static func fixed(_ width: Double) throws -> WindowAccumulator {
        try #require(WindowAccumulator(width: width))
    }

    // Steps 1…10 with value = step, in one window [0, 100): mean 5.5, std 3.0276503540974917,
    // p50 5.5, p95 9.55, p99 9.91 (hand arithmetic in ExactQuantilesTests and
    // SummaryStatsTests; NumPy agrees).
    @Test func oneWindowOfOneToTen() throws {
        var accumulator = try Self.fixed(100)
        for step in 1...10 { accumulator.add(position: Double(step), value: Double(step)) }

        let windows = accumulator.finish()

        let window = try #require(windows.first)
        #expect(windows.count == 1)
        #expect(window.windowStart == 0 && window.windowEnd == 100)
        #expect(window.count == 10 && window.nonfinite == 0)
        #expect(window.mean == 5.5)
        #expect(abs(try #require(window.std) - 3.0276503540974917) < 1e-12)
        #expect(window.min == 1 && window.max == 10)
        #expect(window.p50 == 5.5)
        #expect(abs(try #require(window.p95) - 9.55) < 1e-12)
        #expect(abs(try #require(window.p99) - 9.91) < 1e-12)
        #expect(window.first == Observation(position: 1, value: 1))
        #expect(window.last == Observation(position: 10, value: 10))
        #expect(window.quantilesExact)
    }

    // Steps 0…29, value = step, width 10: three windows 0–9, 10–19, 20–29, each with the
    // deviations of 0…9: mean 4.5 + 10k, std 3.0276503540974917, p95 = 8.55 + 10k.
    @Test func tumblingWindowsByStep() throws {
        var accumulator = try Self.fixed(10)
        for step in 0..<30 { accumulator.add(position: Double(step), value: Double(step)) }

        let windows = accumulator.finish()

        #expect(windows.map(\.windowStart) == [0, 10, 20])
        #expect(windows.map(\.windowEnd) == [10, 20, 30])
        #expect(windows.map(\.mean) == [4.5, 14.5, 24.5])
        #expect(windows.map(\.count) == [10, 10, 10])
        for (k, window) in windows.enumerated() {
            #expect(abs(try #require(window.std) - 3.0276503540974917) < 1e-12)
            #expect(abs(try #require(window.p95) - (8.55 + 10 * Double(k))) < 1e-12)
        }
    }

    @Test func windowsCloseTwoWindowsBehindTheNewest() throws {
        var accumulator = try Self.fixed(10)
        for step in 0..<30 { accumulator.add(position: Double(step), value: 1) }
        #expect(accumulator.drainClosedWindows().isEmpty)

        accumulator.add(position: 30, value: 1)

        // Window 3 opened: window 0 (3 − 2 > 0) closes, windows 1 and 2 stay open.
        #expect(accumulator.drainClosedWindows().map(\.windowStart) == [0])
        #expect(accumulator.openWindowCount == 3)
        #expect(accumulator.drainClosedWindows().isEmpty)
    }

    @Test func smallDisorderLandsInItsWindowAndOldValuesAreLate() throws {
        var accumulator = try Self.fixed(10)
        for step in 0..<25 { accumulator.add(position: Double(step), value: 1) }
        accumulator.add(position: 5, value: 100)
        accumulator.add(position: 31, value: 1)
        accumulator.add(position: 7, value: 1_000)

        let windows = accumulator.finish()
        let run = accumulator.runStats()

        // Window 0 got 0…9 plus the late-but-open 5 → 11 values, max 100; the value at 7
        // arrived after window 0 closed: whole run only.
        #expect(windows.first?.count == 11)
        #expect(windows.first?.max == 100)
        #expect(accumulator.lateCount == 1)
        #expect(run.summary.count == 28)
        #expect(run.summary.max == 1_000)
        #expect(windows.map(\.count).reduce(0, +) == 27)
    }

    @Test func nonFiniteValuesAreCountedPerWindowAndSkippedByTheAverage() throws {
        var accumulator = try Self.fixed(2)
        let values: [Double] = [1, .nan, 2, .infinity, .nan, -.infinity, 3]
        for (step, value) in values.enumerated() {
            accumulator.add(position: Double(step), value: value)
        }

        let windows = accumulator.finish()

        // Windows [0,2) {1, NaN}, [2,4) {2, ∞}, [4,6) {NaN, −∞}, [6,8) {3}. The average sees
        // 1, 2, 3 only: 1.0, 1.625, then unchanged in [4,6), 2.3265306… (EMATests).
        #expect(windows.map(\.count) == [1, 1, 0, 1])
        #expect(windows.map(\.nonfinite) == [1, 1, 2, 0])
        #expect(windows[2].mean == nil && windows[2].p50 == nil)
        #expect(windows[2].ema == 1.625)
        #expect(windows[0].ema == 1.0)
        #expect(abs(try #require(windows[3].ema) - 1.824 / 0.784) < 1e-12)
        #expect(accumulator.runStats().summary.nonfinite == 4)
    }

    @Test func smallSeriesKeepsEvenLargeWindowsExact() throws {
        let values = StatsTestData.lognormal(count: 5_000, seed: 5)
        var accumulator = try Self.fixed(1e9)
        for (step, value) in values.enumerated() {
            accumulator.add(position: Double(step), value: value)
        }

        let window = try #require(accumulator.finish().first)

        #expect(window.quantilesExact)
        let p95 = StatsTestData.referenceQuantile(values, 0.95)
        #expect(abs(try #require(window.p95) - p95) <= 1e-12 * p95)
        #expect(accumulator.runStats().percentiles?.isExact == true)
    }

    // Windows of 100 values; after 450 values the exact values are limited to 50 per window:
    // windows 0 and 1 had closed (exact), window 4 onwards and the whole run use the sketch.
    @Test func limitingExactValuesMovesLaterQuantilesToTheSketch() throws {
        let values = StatsTestData.lognormal(count: 1_000, seed: 7)
        var accumulator = try Self.fixed(100)
        for (step, value) in values.enumerated() {
            if step == 450 { accumulator.limitExactValues(perWindow: 50) }
            accumulator.add(position: Double(step), value: value)
        }

        let windows = accumulator.finish()
        let run = accumulator.runStats()

        #expect(windows.map(\.quantilesExact) == [true, true] + Array(repeating: false, count: 8))
        let p95 = StatsTestData.referenceQuantile(Array(values[900...]), 0.95)
        #expect(abs(try #require(windows.last?.p95) - p95) <= 0.005 * p95)
        #expect(run.percentiles?.isExact == false)
        #expect(run.summary.count == 1_000)
        let runP95 = StatsTestData.referenceQuantile(values, 0.95)
        #expect(abs(try #require(run.percentiles?.p95) - runP95) <= 0.005 * runP95)
    }

    // With the run's exact capacity lowered to 1,000, the 5,000-value window may hold only
    // 4,096 values exactly and must switch to the sketch.
    @Test func windowPastCapacityUsesTheSketchButKeepsExactMoments() throws {
        let values = StatsTestData.lognormal(count: 5_000, seed: 5)
        var accumulator = try #require(WindowAccumulator(width: 1e9, runExactCapacity: 1_000))
        for (step, value) in values.enumerated() {
            accumulator.add(position: Double(step), value: value)
        }

        let window = try #require(accumulator.finish().first)

        let mean = values.reduce(0, +) / 5_000
        #expect(!window.quantilesExact)
        #expect(abs(try #require(window.mean) - mean) < 1e-9 * mean)
        #expect(window.min == values.min() && window.max == values.max())
        for (estimate, q) in [(window.p50, 0.5), (window.p95, 0.95), (window.p99, 0.99)] {
            let exact = StatsTestData.referenceQuantile(values, q)
            #expect(abs(try #require(estimate) - exact) <= 0.005 * exact)
        }
    }

    @Test(arguments: [(100_000, true), (100_001, false)])
    func wholeRunQuantilesAreExactUpTo100000Values(count: Int, exact: Bool) throws {
        var accumulator = try Self.fixed(1_000)
        for step in 0..<count { accumulator.add(position: Double(step), value: Double(step % 977)) }

        let run = accumulator.runStats()

        #expect(run.percentiles?.isExact == exact)
        #expect(run.summary.count == count)
        #expect(run.sketch.count == count)
    }

    @Test(arguments: [Double.nan, .infinity, 1e300])
    func unusablePositionsAreRejected(_ position: Double) throws {
        var accumulator = try Self.fixed(10)
        accumulator.add(position: position, value: 1)
        accumulator.add(position: 3, value: 2)

        #expect(accumulator.rejectedCount == 1)
        #expect(accumulator.runStats().summary.count == 1)
    }

    @Test(arguments: [0.0, -1, .nan, .infinity])
    func nonPositiveOrNonFiniteWidthIsRefused(_ width: Double) {
        #expect(WindowAccumulator(width: width) == nil)
    }

    static func adaptiveValue(_ step: Int) -> Double {
        20 + sin(Double(step)) * 10 + Double(step) * 0.01
    }

    struct Capacities: Sendable, CustomTestStringConvertible {
        let window: Int
        let run: Int
        let exact: Bool
        var testDescription: String { "window \(window), run \(run)" }
    }

    // Steps 1…10,000 on a fresh grid end with width 64 and 157 windows (WindowGridTests);
    // each window's count, mean and p50 are recomputed here from the values whose step is in
    // its range. With a run capacity of 1,000 and a window capacity of 50, the 64-value
    // windows must fall back to the sketch (p50 within 0.5%; all values are positive).
    @Test(arguments: [
        Capacities(window: 4_096, run: 100_000, exact: true),
        Capacities(window: 50, run: 1_000, exact: false),
    ])
    func adaptiveWindowsCoverTheRunWithTheirOwnStatistics(_ capacities: Capacities) throws {
        var accumulator = WindowAccumulator(
            grid: WindowGrid(), exactCapacity: capacities.window, runExactCapacity: capacities.run)
        for step in 1...10_000 {
            accumulator.add(position: Double(step), value: Self.adaptiveValue(step))
        }

        let windows = accumulator.finish()

        #expect((100...200).contains(windows.count))
        #expect(windows.map(\.count).reduce(0, +) == 10_000)
        #expect(windows.allSatisfy(\.quantilesExact) == capacities.exact)
        for (window, next) in zip(windows, windows.dropFirst()) {
            #expect(window.windowEnd == next.windowStart)
            #expect(window.windowEnd - window.windowStart == 64)
        }
        for window in windows {
            let steps = (1...10_000).filter {
                Double($0) >= window.windowStart && Double($0) < window.windowEnd
            }
            let values = steps.map(Self.adaptiveValue)
            let mean = values.reduce(0, +) / Double(values.count)
            let p50 = StatsTestData.referenceQuantile(values, 0.5)
            #expect(window.count == steps.count)
            #expect(abs(try #require(window.mean) - mean) < 1e-9)
            #expect(abs(try #require(window.p50) - p50) <= 0.005 * p50)
            #expect(window.first?.position == Double(steps[0]))
            #expect(window.quantilesExact == capacities.exact || window.count <= 50)
        }
    }

    // 300,000 steps: past 100,000 values the whole run switches to the sketch, while windows
    // of 2,048 steps (300000 / 2048 ≈ 147 windows) stay under 4,096 values and exact.
    @Test func largeAdaptiveRunHasExactWindowsAndSketchedRunQuantiles() throws {
        let values = StatsTestData.lognormal(count: 300_000, seed: 17)
        var accumulator = WindowAccumulator(grid: WindowGrid())
        for (step, value) in values.enumerated() {
            accumulator.add(position: Double(step), value: value)
        }

        let run = accumulator.runStats()
        let windows = accumulator.finish()

        let percentiles = try #require(run.percentiles)
        #expect(!percentiles.isExact)
        for (estimate, q) in [(percentiles.p50, 0.5), (percentiles.p99, 0.99)] {
            let exact = StatsTestData.referenceQuantile(values, q)
            #expect(abs(estimate - exact) <= 0.005 * exact)
        }
        #expect(windows.allSatisfy { $0.quantilesExact && $0.windowEnd - $0.windowStart == 2_048 })
        #expect(windows.map(\.count).reduce(0, +) == 300_000)
        #expect(accumulator.runStats().summary.count == 300_000)
    }

    @Test func adaptiveWindowsDoNotDependOnArrivalOrder() throws {
        var generator = StatsTestData.Generator(state: 9)
        let grid = WindowGrid()
        let otherGrid = WindowGrid()
        var ordered = WindowAccumulator(grid: grid)
        var shuffled = WindowAccumulator(grid: otherGrid)
        for step in 1...3_000 {
            ordered.add(position: Double(step), value: Self.adaptiveValue(step))
        }
        for step in (1...3_000).shuffled(using: &generator) {
            shuffled.add(position: Double(step), value: Self.adaptiveValue(step))
        }

        let expected = ordered.finish()
        let actual = shuffled.finish()

        #expect(actual.map(\.windowStart) == expected.map(\.windowStart))
        #expect(actual.map(\.count) == expected.map(\.count))
        #expect(actual.map(\.p95) == expected.map(\.p95))
        #expect(actual.map(\.max) == expected.map(\.max))
        #expect(actual.map(\.first) == expected.map(\.first))
    }

    @Test func seriesSharingAGridCatchUpWithItsWidth() throws {
        let grid = WindowGrid()
        var long = WindowAccumulator(grid: grid)
        var short = WindowAccumulator(grid: grid)
        for step in 1...50 { short.add(position: Double(step), value: Double(step)) }
        for step in 1...10_000 { long.add(position: Double(step), value: 0) }

        let windows = short.finish()

        // The short series stopped at step 50 with width 1; the grid reached 64, so its 50
        // windows merged into [0, 64): values 1…50, mean 25.5.
        #expect(windows.count == 1)
        #expect(windows.first?.windowEnd == 64)
        #expect(windows.first?.count == 50)
        #expect(windows.first?.mean == 25.5)
        #expect(short.width == 64)
    }

    @Test func valuesAfterFinishCountInTheRunOnly() throws {
        var accumulator = WindowAccumulator(grid: WindowGrid())
        accumulator.add(position: 1, value: 1)
        _ = accumulator.finish()

        accumulator.add(position: 2, value: 3)

        #expect(accumulator.lateCount == 1)
        #expect(accumulator.runStats().summary.mean == 2)
        #expect(accumulator.finish().isEmpty)
    }

    // Case 14 (LOG.md): 190 latencies read with Foundation's JSON parser; the whole run is
    // small, so its quantiles are exact and must fall in the stated ranges.
    @Test func submillisecondLatencyCase() throws {
        let values = try StatsTestData.case14Latencies()
        var accumulator = WindowAccumulator(grid: WindowGrid())
        for (line, value) in values.enumerated() {
            accumulator.add(position: Double(line), value: value)
        }

        let run = accumulator.runStats()

        let percentiles = try #require(run.percentiles)
        #expect(values.count == 190)
        #expect(percentiles.isExact)
        #expect((0.2993...0.3003).contains(percentiles.p50))
        #expect((3.5555...3.56).contains(percentiles.p95))
        #expect((251.0...252.0).contains(percentiles.p99))
        #expect(run.summary.max == 253)
        #expect(run.summary.min == 0.12)
        #expect(abs(try #require(run.summary.mean) - 4.4835) <= 0.0001)
    }

    @Test func runStatsRoundTripThroughJSONAndMerge() throws {
        var first = try Self.fixed(10)
        var second = try Self.fixed(10)
        for step in 0..<50 { first.add(position: Double(step), value: Double(step)) }
        for step in 50..<100 { second.add(position: Double(step), value: Double(step)) }
        let data = try JSONEncoder().encode(first.runStats())

        var merged = try JSONDecoder().decode(RunStats.self, from: data)
        merged.merge(second.runStats())

        // 0…99: mean 49.5, p50 49.5 (h = 49.5), within the sketch's 0.5%.
        let percentiles = try #require(merged.percentiles)
        #expect(merged.summary.count == 100)
        #expect(merged.summary.mean == 49.5)
        #expect(!percentiles.isExact)
        #expect(abs(percentiles.p50 - 49.5) <= 0.005 * 49.5)
        #expect(merged.summary.last == Observation(position: 99, value: 99))
    }
}
