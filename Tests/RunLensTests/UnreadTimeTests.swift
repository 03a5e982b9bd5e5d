import Foundation
import Testing

@testable import RunLens

/// A record whose time field holds text that is no time has no time: its values are left out
/// of metrics indexed by time, and the input says so instead of dropping them unseen.
struct UnreadTimeTests {
    private static func warnings(_ lines: [String]) throws -> [String] {
        let folder = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("requests.jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Analyzer(options: AnalysisOptions(inputs: [path])).run()
        return result.inputs.flatMap(\.warnings)
    }

    @Test func recordsWhoseTimeCannotBeReadAreCountedInAWarning() throws {
        let warnings = try Self.warnings([
            #"{"timestamp": "2024-05-14T07:00:00Z", "latency_ms": 100}"#,
            #"{"timestamp": "garbage", "latency_ms": 9999}"#,
            #"{"timestamp": "2024-05-14T07:00:20Z", "latency_ms": 120}"#,
            #"{"timestamp": "soon", "latency_ms": 130}"#,
        ])

        #expect(
            warnings == [
                "2 records have a time runlens cannot read (first at line 2): metrics indexed by "
                    + "time leave out their values"
            ])
    }

    /// `time` may be a duration, another field may give the time, and a record with a step
    /// is placed by it: no warning then.
    @Test func aTimeReadFromAnotherFieldOrAnAmbiguousTimeFieldIsNoWarning() throws {
        let warnings = try Self.warnings([
            #"{"timestamp": 1715670000, "date": "2021-01-14_01-37-04", "latency_ms": 100}"#,
            #"{"step": 1, "time": "0:00:12", "loss": 2}"#,
            #"{"step": 2, "timestamp": "n/a", "loss": 2}"#,
        ])

        #expect(warnings.isEmpty)
    }

    /// Steps past 2^52 window widths have no window: their values are counted, not lost.
    @Test func valuesAtStepsTooFarFromZeroAreCounted() throws {
        let folder = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("steps.jsonl").path
        let lines = [
            #"{"step": 1, "loss": 2}"#, #"{"step": 2, "loss": 2}"#, #"{"step": 1e19, "loss": 3}"#,
            #"{"step": 3e19, "loss": 3}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let result = try Analyzer(options: AnalysisOptions(inputs: [path])).run()

        #expect(result.overview.valuesOffAxis == 2)
        #expect(result.series.first?.stats.count == 2)
    }

    /// A request log whose first record's time is unreadable is still indexed by time: the
    /// 119 timed values after it are kept, the one without a time counted off the axis.
    @Test func anUnreadableFirstTimeDoesNotPutTheLogOnSteps() throws {
        let folder = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("requests.jsonl").path
        let lines =
            [#"{"timestamp": "unknown", "latency_ms": 300}"#]
            + (1..<120).map {
                #"{"timestamp": \#(1_715_670_000 + 5 * $0), "latency_ms": \#(300 + $0)}"#
            }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let result = try Analyzer(options: AnalysisOptions(inputs: [path])).run()

        let latency = try #require(result.series.first { $0.name == "latency_ms" })
        #expect(latency.axis == .time)
        #expect(latency.stats.count == 119)
        #expect(result.overview.valuesOffAxis == 1)
    }
}
