import Foundation
import Testing

@testable import RunLens

/// Latency units: a suffix in the name says them (`_ms`, `_s`, `_seconds`); a bare
/// `latency` is told from its values, and the report says what was assumed. (A user's
/// `latency` of 2.5–4.0 s was read as milliseconds and passed a 2 s target.)
struct LatencyUnitTests {
    let nine = ServingSamples.nine

    @Test(arguments: [
        ("latency_ms", 1.0, true), ("latency_s", 1000, true), ("latency_seconds", 1000, true),
        ("request_latency_seconds", 1000, true), ("request_latency", 1, false),
        ("latency", 1, false), ("ttft", 1, false), ("ttft_seconds", 1000, true),
    ])
    func namesGiveRoleAndUnit(name: String, scale: Double, states: Bool) {
        let matcher = RoleMatcher()
        let role = matcher.role(of: name)

        #expect(role == .latency || role == .ttft)
        #expect(matcher.canonicalScale(of: name, role: role) == scale)
        #expect(matcher.statesTimeUnit(name) == states)
        #expect(FieldInfo(rawName: name, matcher: matcher).unitUnstated == !states)
    }

    /// 300 requests a second apart, latency `first` + (`last` − `first`) × i / 299, logged
    /// without a unit.
    private func unitless(_ first: Double, _ last: Double) -> [RequestSample] {
        (0..<300).map { index in
            var sample = ServingSamples.request(
                at: nine + Double(index), latency: first + (last - first) * Double(index) / 299)
            sample.unstatedUnits = .latency
            return sample
        }
    }

    @Test func smallValuesAreSeconds() throws {
        let monitor = ServingSamples.monitor(unitless(2.5, 4))
        let summary = try #require(monitor.summary())
        let latency = try #require(summary.overall.latency)
        // The first 200 values run 2.5 to 3.498; their median, the 101st, is 2.5 + 1.5 × 100/299.
        let note = try #require(
            summary.notes.first { $0.hasPrefix("latency (median 3.002 of its first 200 values)") })

        #expect(latency.min == 2500 && latency.max == 4000 && latency.count == 300)
        #expect(note.contains("read as seconds"))
        // Every request took 2.5 s or more: all 300 are over the 2 s p95 target.
        let incident = try #require(
            monitor.incidents(in: ServingSamples.context).first { $0.metric == "latency_p95" })
        #expect(incident.message.hasSuffix("300 of 300 successful requests slower than 2000 ms"))
        #expect(incident.evidence.contains(note))
    }

    @Test func largeValuesAreMilliseconds() throws {
        let summary = try #require(ServingSamples.monitor(unitless(250, 400)).summary())

        #expect(summary.overall.latency?.max == 400)
        // The median of the first 200 values: 250 + 150 × 100/299 = 300.2 (one decimal).
        #expect(summary.notes.contains { $0.hasPrefix("latency (median 300.2 of its first 200") })
        #expect(
            summary.notes.contains {
                $0.hasSuffix(
                    "read as milliseconds, as no request "
                        + "plausibly takes 100 s")
            })
    }

    @Test func valuesThatFitBothUnitsAreMillisecondsWithAWarning() throws {
        let summary = try #require(ServingSamples.monitor(unitless(25, 40)).summary())

        #expect(summary.overall.latency?.max == 40)
        #expect(summary.notes.contains { $0.hasPrefix("warning: latency") && $0.contains("`_s`") })
    }

    @Test func fewValuesAreDecidedAtTheEndAndKeepTheirOrder() throws {
        let samples = Array(unitless(2.5, 4).prefix(20))
        let summary = try #require(ServingSamples.monitor(samples).summary())

        #expect(summary.overall.latency?.count == 20 && summary.overall.latency?.min == 2500)
        #expect(
            summary.notes.contains { $0.hasPrefix("latency (median 2.550 of its first 20 values)") }
        )
        #expect(summary.firstTime == nine && summary.lastTime == nine + 19)
    }

    @Test func namedUnitsNeedNoGuess() throws {
        let samples = (0..<300).map { ServingSamples.request(at: nine + Double($0), latency: 3) }
        let summary = try #require(ServingSamples.monitor(samples).summary())

        #expect(summary.overall.latency?.max == 3)
        #expect(!summary.notes.contains { $0.contains("no unit") })
    }

    // MARK: through the analyzer

    private func analyze(_ text: String, name: String) throws -> ServingSummary? {
        let directory = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try InputFixtures.write(Array(text.utf8), to: name, in: directory)
        let analyzer = Analyzer(options: AnalysisOptions(inputs: [path]))
        let detectors = ServingDetectors.make()
        for detector in detectors { analyzer.addObserver(detector) }
        _ = try analyzer.run()
        return ServingDetectors.summary(of: detectors)
    }

    /// 300 lines a second apart from 09:00, latency 2.500 to 4.000 in steps of 0.005.
    private func seconds(_ line: (Int, String) -> String) -> String {
        (0..<300).map { line(1_715_677_200 + $0, String(format: "%.3f", 2.5 + 0.005 * Double($0))) }
            .joined(separator: "\n") + "\n"
    }

    @Test(arguments: ["latency_seconds", "request_latency_seconds"])
    func secondsSuffixInACSVHeader(column: String) throws {
        let text = "timestamp,\(column),status\n" + seconds { "\($0),\($1),200" }
        let summary = try #require(try analyze(text, name: "trace.csv"))

        #expect(summary.overall.latency?.min == 2500 && summary.overall.latency?.max == 3995)
        #expect(!summary.notes.contains { $0.contains("no unit") })
    }

    @Test func bareLatencyInJSONLinesIsReadAsSeconds() throws {
        let text = seconds { #"{"timestamp": \#($0), "latency": \#($1), "status": 200}"# }
        let summary = try #require(try analyze(text, name: "requests.jsonl"))

        #expect(summary.overall.latency?.min == 2500 && summary.overall.latency?.max == 3995)
        #expect(summary.notes.contains { $0.contains("read as seconds") })
    }

    @Test func untimedFirstLineLeavesTheLogOnTime() throws {
        let text =
            #"{"latency_ms": 300, "status": 200}"# + "\n"
            + seconds { #"{"timestamp": \#($0), "latency_s": \#($1), "status": 200}"# }
        let summary = try #require(try analyze(text, name: "requests.jsonl"))

        #expect(summary.axis == .time && summary.overall.requests == 301)
        #expect(summary.windows.map(\.stats.requests) == [300])
    }
}
