import Foundation
import Testing

@testable import RunLens

/// A record with neither step nor time (a warm-up request before the first timed one) does
/// not decide the axis of the series it makes: the first record with a step or time does.
/// A request log whose first line was untimed had its latency put on steps, and the metric
/// table then showed one value of ten.
struct RunAssemblerAxisWaitTests {
    /// 2024-05-14T09:00:00Z.
    static let nine = 1_715_677_200.0

    /// Ten requests a minute apart from 09:00, latencies 100, 110, …, 190 ms: count 10, mean
    /// 145; the 5-minute windows hold 100–140 (mean 120) and 150–190 (mean 170).
    static let timed = (0..<10).map { index in
        "{\"ts\": \(Int(nine) + 60 * index), \"latency_ms\": \(100 + 10 * index), \"status\": 200}"
    }

    /// A warm-up request without a time, far slower than the others.
    static let warmUp = "{\"latency_ms\": 5000, \"status\": 200}"

    /// The timed requests with the warm-up put at `index`.
    static func withWarmUp(at index: Int) -> [String] {
        var lines = timed
        lines.insert(warmUp, at: index)
        return lines
    }

    @Test(arguments: [0, 1, 5, 10])
    func theWarmUpLeavesTheLatencyOnTime(index: Int) throws {
        let (_, log) = RunAssemblerTests.assemble(Self.withWarmUp(at: index))
        let latency = try #require(log.descriptors.first { $0.name == "latency_ms" })

        #expect(latency.axis == .time)
        let timed = log.values("latency_ms").filter { $0 != 5000 }
        #expect(timed == (0..<10).map { 100 + 10 * Double($0) })
        let untimed = log.points["latency_ms", default: []].filter { $0.time.isNaN }
        #expect(untimed.map(\.value) == [5000])
    }

    @Test(arguments: [0, 1, 5, 10])
    func theMetricTableAndWindowsAreThoseOfTheTimedRequests(index: Int) throws {
        let result = try Self.analyze(Self.withWarmUp(at: index))
        let latency = try #require(result.series.first { $0.name == "latency_ms" })

        #expect(latency.axis == .time)
        #expect(latency.stats.count == 10 && latency.stats.mean == 145)
        #expect(latency.stats.min == 100 && latency.stats.max == 190)
        #expect(latency.windows.map(\.start) == [Self.nine, Self.nine + 300])
        #expect(latency.windows.map(\.stats.count) == [5, 5])
        #expect(latency.windows.map(\.stats.mean) == [120, 170])
        // The warm-up's value is accounted for: off the axis, as at any other place.
        #expect(result.overview.valuesOffAxis == 1)
    }

    @Test func aLogWithoutAnyTimeStaysOnTheRecordsCount() throws {
        let lines = (0..<5).map { "{\"latency_ms\": \(100 + $0), \"status\": 200}" }
        let (_, log) = RunAssemblerTests.assemble(lines)

        #expect(log.descriptors.map(\.axis) == [.step])
        // The records' count, from 1.
        #expect(log.steps("latency_ms") == [1, 2, 3, 4, 5])
        #expect(log.values("latency_ms") == [100, 101, 102, 103, 104])
    }

    @Test func aSeriesMadeAfterOneThatWaitsIsToldOfAfterIt() throws {
        let lines = [
            "{\"latency_ms\": 900, \"status\": 200}",
            "{\"ts\": \(Int(Self.nine)), \"ttft_ms\": 40, \"latency_ms\": 300, \"status\": 200}",
            "{\"ts\": \(Int(Self.nine) + 10), \"ttft_ms\": 50, \"latency_ms\": 400}",
        ]
        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(log.descriptors.map(\.name) == ["latency_ms", "ttft_ms"])
        #expect(log.descriptors.map(\.axis) == [.time, .time])
        #expect(assembler.series.map(\.axis) == [.time, .time])
        #expect(log.values("ttft_ms") == [40, 50])
        #expect(log.values("latency_ms") == [900, 300, 400])
    }

    /// The wait ends before a point of the series would become final: with 8 points held
    /// back, nine untimed requests settle the latency on the records' count, as before.
    @Test func moreUntimedRecordsThanHeldBackSettleOnSteps() throws {
        var lines = (0..<9).map { "{\"latency_ms\": \(100 + $0)}" }
        lines.append("{\"ts\": \(Int(Self.nine)), \"latency_ms\": 500}")
        let (_, log) = RunAssemblerTests.assemble(lines)

        #expect(log.descriptors.map(\.axis) == [.step])
        #expect(log.values("latency_ms") == (0..<9).map { 100 + Double($0) } + [500])
        #expect(Array(log.steps("latency_ms").prefix(9)) == (1...9).map(Double.init))
    }

    /// A training log whose first record has no step keeps its series on steps, at the
    /// places they had: the first stepped record settles them.
    @Test func aTrainingLogWithAnUnsteppedHeaderStaysOnSteps() throws {
        let lines = [
            "{\"lr\": 0.1, \"loss\": 9}",
            "{\"step\": 10, \"lr\": 0.1, \"loss\": 5, \"timestamp\": \(Int(Self.nine))}",
            "{\"step\": 20, \"lr\": 0.05, \"loss\": 4, \"timestamp\": \(Int(Self.nine) + 5)}",
        ]
        let (_, log) = RunAssemblerTests.assemble(lines)

        #expect(log.descriptors.map(\.axis) == [.step, .step])
        #expect(log.steps("loss") == [1, 10, 20])
        #expect(log.values("lr") == [0.1, 0.1, 0.05])
    }

    /// The analysis of `lines` written to a temporary file.
    static func analyze(_ lines: [String]) throws -> AnalysisResult {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-axis-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try Analyzer(options: AnalysisOptions(inputs: [url.path])).run()
    }
}
