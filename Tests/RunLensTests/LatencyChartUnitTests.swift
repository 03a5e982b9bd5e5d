import Foundation
import Testing

@testable import RunLens

/// A latency whose name states no unit is charted, and given to the digest, in the unit the
/// serving statistics read it in: a bare `latency` of about 3.2 s was plotted as 3.2 ms under
/// a 2000 ms target said to be "far above".
struct LatencyChartUnitTests {
    /// Thirty requests ten seconds apart from 09:00 with a bare `latency` of `values` in turn.
    static func log(_ values: [Double], field: String = "latency") -> [String] {
        (0..<30).map { index in
            let value = values[index % values.count]
            return
                "{\"ts\": \(1_715_677_200 + 10 * index), \"\(field)\": \(value), \"status\": 200}"
        }
    }

    /// The analysis of `lines` with the detector suite, the guessed units adopted.
    static func analyze(_ lines: [String]) throws -> (AnalysisResult, DetectorSuite) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-latency-unit-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let analyzer = Analyzer(options: AnalysisOptions(inputs: [url.path]))
        let suite = DetectorSuite()
        suite.register(with: analyzer)
        var result = try analyzer.run()
        suite.adoptGuessedUnits(in: &result)
        return (result, suite)
    }

    @Test func secondsAreChartedInMillisecondsUnderTheTarget() throws {
        // Median 3.2 < 10: read as seconds by the serving statistics.
        let (result, suite) = try Self.analyze(Self.log([3.0, 3.2, 3.4]))
        let latency = try #require(result.series.first { $0.name == "latency" })
        #expect(latency.unitUnstated && latency.scale == 1000)
        #expect(abs((suite.servingSummary?.overall.latency?.max ?? 0) - 3400) < 1e-9)

        let charts = RunChartsTests.charts(result, [])
        let chart = try #require(charts["latency.svg"])
        #expect(chart.texts.contains("p95 target 2000 ms"))
        #expect(!chart.texts.contains { $0.contains("far above") })
        // The run's figures for the digest are in milliseconds too: the p95 of thirty values,
        // ten each of 3.0, 3.2 and 3.4 s, is 3.4 s.
        let figures = try #require(SummaryJSON.document(result, version: "test").run)
        #expect(abs((figures.latencyP95 ?? 0) - 3400) < 1e-9)
    }

    @Test func millisecondsStayAsLogged() throws {
        // Median 320 ≥ 100: milliseconds, as logged.
        let (result, _) = try Self.analyze(Self.log([300, 320, 340]))
        let latency = try #require(result.series.first { $0.name == "latency" })
        #expect(latency.unitUnstated && latency.scale == 1)
        let chart = try #require(RunChartsTests.charts(result, [])["latency.svg"])
        #expect(chart.texts.contains { $0.contains("p95 target 2000 ms is far above") })
    }

    @Test func aStatedUnitIsNotGuessed() throws {
        let (result, _) = try Self.analyze(Self.log([3.0, 3.2, 3.4], field: "latency_s"))
        let latency = try #require(result.series.first { $0.name == "latency_s" })
        #expect(!latency.unitUnstated && latency.scale == 1000)
    }
}
