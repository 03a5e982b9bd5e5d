import Testing

@testable import RunLens

/// Expected ticks worked out by hand from Heckbert's nice-number rule (1, 2, 5 × 10ᵏ).
struct AxisTicksTests {
    struct LinearCase: CustomStringConvertible, Sendable {
        var minimum: Double
        var maximum: Double
        var lower: Double
        var upper: Double
        var labels: [String]
        var description: String { "\(minimum)…\(maximum)" }
    }

    static let linearCases: [LinearCase] = [
        LinearCase(
            minimum: 0, maximum: 9.3, lower: 0, upper: 10,
            labels: ["0", "2", "4", "6", "8", "10"]),
        LinearCase(minimum: 2.2, maximum: 4.7, lower: 2, upper: 5, labels: ["2", "3", "4", "5"]),
        LinearCase(
            minimum: 0.013, maximum: 0.047, lower: 0.01, upper: 0.05,
            labels: ["0.01", "0.02", "0.03", "0.04", "0.05"]),
        LinearCase(
            minimum: 400, maximum: 4000, lower: 0, upper: 4000,
            labels: ["0", "1k", "2k", "3k", "4k"]),
        LinearCase(
            minimum: 5, maximum: 5, lower: 4.4, upper: 5.6,
            labels: ["4.4", "4.6", "4.8", "5.0", "5.2", "5.4", "5.6"]),
    ]

    @Test(arguments: linearCases)
    func linearTicksWidenToRoundNumbers(_ expected: LinearCase) {
        let ticks = AxisTicks.linear(minimum: expected.minimum, maximum: expected.maximum)
        #expect(abs(ticks.lower - expected.lower) < 1e-9)
        #expect(abs(ticks.upper - expected.upper) < 1e-9)
        #expect(ticks.labels == expected.labels)
    }

    @Test func anXAxisKeepsTheDataRangeAndTheTicksInsideIt() {
        let ticks = AxisTicks.linear(minimum: 19, maximum: 839, maxTicks: 8, widen: false)
        #expect(ticks.lower == 19)
        #expect(ticks.upper == 839)
        #expect(ticks.values == [100, 200, 300, 400, 500, 600, 700, 800])
    }

    @Test func logTicksUseDecadesWhenTheRangeSpansSeveral() {
        let ticks = AxisTicks.logarithmic(minimum: 0.0001, maximum: 0.3)
        #expect(ticks.labels == ["1e-4", "0.001", "0.01", "0.1"])
        let wide = AxisTicks.logarithmic(minimum: 10, maximum: 1e6)
        #expect(wide.labels == ["10", "100", "1k", "10k", "100k", "1M"])
    }

    @Test func logTicksWithinOneDecadeUseEveryDigit() {
        let ticks = AxisTicks.logarithmic(minimum: 1.8, maximum: 4.6)
        #expect(ticks.values == [2, 3, 4])
        #expect(ticks.lower < 1.8 && ticks.upper > 4.6)
    }

    /// A throughput of -1.8e308 in one window and 1.8e308 in another made the span infinite:
    /// a hundred ticks at -Infinity and a chart without its y axis.
    @Test func linearTicksOverEveryFiniteDoubleStayFinite() {
        let ticks = AxisTicks.linear(
            minimum: -.greatestFiniteMagnitude, maximum: .greatestFiniteMagnitude)
        #expect(ticks.labels == ["-1e307", "-5e306", "0", "5e306", "1e307"])
        #expect(ticks.values.allSatisfy { $0.isFinite })
        #expect(ticks.lower.isFinite && ticks.upper.isFinite)
    }

    /// A loss near the largest double once widened the log axis to infinity, and the
    /// decade loop then ran without end (a hang, then an allocation failure).
    @Test(arguments: [(1.5, 1e308), (1.5, 1e295), (1e-320, 1.0), (1e-320, 1e308)])
    func logTicksStayFiniteAtTheEdgesOfTheDoubles(minimum: Double, maximum: Double) {
        let ticks = AxisTicks.logarithmic(minimum: minimum, maximum: maximum)
        #expect(ticks.lower > 0 && ticks.lower <= minimum)
        #expect(ticks.upper.isFinite && ticks.upper >= maximum)
        #expect((3...8).contains(ticks.values.count))
        #expect(ticks.values.allSatisfy { $0 >= ticks.lower && $0 <= ticks.upper })
        #expect(ticks.labels.allSatisfy { !$0.contains("inf") && !$0.contains("T") })
    }

    @Test func clockTicksFallOnRoundMinutes() {
        let nine = 1_715_677_200.0
        let ticks = AxisTicks.time(minimum: nine, maximum: nine + 1800, relative: false)
        #expect(
            ticks.labels == ["09:00", "09:05", "09:10", "09:15", "09:20", "09:25", "09:30"])
    }

    @Test func aTickOnANewDayCarriesTheDate() {
        let ten = 1_715_724_000.0  // 2024-05-14T22:00:00Z
        let ticks = AxisTicks.time(minimum: ten, maximum: ten + 4 * 3600, relative: false)
        #expect(ticks.labels == ["22:00", "23:00", "05-15 00:00", "01:00", "02:00"])
    }

    @Test func relativeTimesReadAsDurations() {
        let ticks = AxisTicks.time(minimum: 0, maximum: 5400, relative: true)
        #expect(ticks.labels == ["0", "15m", "30m", "45m", "1h", "1h15m", "1h30m"])
        #expect(AxisTicks.durationLabel(90_061) == "1d1h1m1s")
        #expect(AxisTicks.durationLabel(-120) == "-2m")
    }

    /// A relative time is whatever a log wrote: 1e300 seconds once went to an unchecked Int.
    @Test(arguments: [(1e300, "1.000e300s"), (-1e300, "-1.000e300s"), (9.3e18, "9.300e18s")])
    func hugeDurationsKeepTheirNumber(seconds: Double, label: String) {
        #expect(AxisTicks.durationLabel(seconds) == label)
    }
}
