import Foundation
import Testing

@testable import RunLens

/// Percentages logged as fractions of 1 (`0.93` for 93%), read as such by the GPU and host
/// rules; samples 15 s apart, so n samples span 15 × (n − 1) seconds.
struct StretchFractionTests {
    static func run(_ name: String, _ values: [Double]) -> [Incident] {
        StretchDetectorTests.run(name, values)
    }

    /// Before, 0.93 read as under 1% and the whole run was one `gpu_underutilized` stretch.
    @Test func aBusyGPULoggedAsAFractionIsNoIncident() {
        #expect(Self.run("gpu_util", Array(repeating: 0.93, count: 100)).isEmpty)
    }

    /// 30 samples at 0.12 between busy ones: 7m 15s below 50%, at 12% at the lowest.
    @Test func anIdleStretchLoggedAsFractionsIsReadInPercent() throws {
        let busy = Array(repeating: 0.9, count: 20)
        let values = busy + Array(repeating: 0.12, count: 30) + busy

        let incidents = Self.run("gpu_util", values)

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "gpu_underutilized")
        #expect(incident.peak == 12)
        #expect(incident.threshold == 50)
        #expect(incident.count == 30)
        #expect(incident.startStep == 200)
        #expect(incident.endStep == 490)
        #expect(incident.message.contains("below 50% for 7m 15s (30 samples"))
        #expect(incident.message.contains("lowest 12%"))
        #expect(
            incident.evidence.contains(
                "gpu_util never went above 1 and was not all whole numbers: read as fractions of"
                    + " 1 (0.93 as 93%)"))
    }

    /// An idle GPU in whole percent (0 and 1) stays in percent: 40 samples, 9m 45s below 50%.
    @Test func wholePercentsAtOrBelowOneStayPercent() throws {
        let values = (0..<40).map { Double($0 % 2) }

        let incidents = Self.run("gpu_util", values)

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.peak == 0)
        #expect(incident.count == 40)
        #expect(incident.evidence.count == 1)
    }

    /// 30 samples at 0.5 then 40 at 10: the later values pass 1, so the series was in percent
    /// from the start, all 70 samples below 50% (17m 15s), though the fraction reading of the
    /// first 30 (50%) broke no rule: the choice waits for the end, no point is held.
    @Test func aValueAboveOneLaterMakesTheWholeSeriesPercent() throws {
        let values = Array(repeating: 0.5, count: 30) + Array(repeating: 10.0, count: 40)

        let incidents = Self.run("gpu_util", values)

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.count == 70)
        #expect(incident.peak == 0.5)
        #expect(incident.message.contains("below 50% for 17m 15s (70 samples"))
    }

    /// Host memory at 0.97 for 30 samples (7m 15s): above 90% for more than five minutes.
    @Test func hostPercentsLoggedAsFractionsAreReadInPercent() throws {
        let values =
            Array(repeating: 0.5, count: 10) + Array(repeating: 0.97, count: 30)
            + Array(repeating: 0.5, count: 10)

        let incidents = Self.run("memory_percent", values)

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "resource_pressure")
        #expect(incident.peak == 97)
        #expect(incident.message.contains("highest 97%"))
    }

    /// Temperatures are no percentages: 0.9 °C stays 0.9 °C.
    @Test func rulesNotInPercentReadValuesAsLogged() {
        let rule = StretchRule(
            id: "gpu_overheat", role: .gpuTemp, above: true, threshold: 85, severity: .critical,
            minSeconds: 60, unit: " °C")
        var reading = StretchReading(rule: rule, settings: FleetSettings(), statedUnit: nil)

        reading.add(Point(step: 0, time: 0, value: 0.9, line: 1, file: 0))

        #expect(reading.asFraction == nil)
        #expect(!reading.readsFractions)
    }

    /// A log that names its unit (`utilization.gpu [%]`, `45 %`) is in percent whatever its
    /// values.
    @Test func aStatedUnitKeepsPercent() {
        let rule = StretchRule(
            id: "gpu_underutilized", role: .gpuUtil, above: false, threshold: 50,
            severity: .warning, minSeconds: 300, unit: "%")
        var stated = StretchReading(rule: rule, settings: FleetSettings(), statedUnit: "%")
        var unstated = StretchReading(rule: rule, settings: FleetSettings(), statedUnit: nil)

        let point = Point(step: 0, time: 0, value: 0.5, line: 1, file: 0)
        stated.add(point)
        unstated.add(point)

        #expect(!stated.readsFractions)
        #expect(unstated.readsFractions)
    }

    /// Through the binary: 20 busy samples (0.9), 30 idle (0.12), 20 busy, 15 s apart, as one
    /// GPU's `gpu_util` in a JSON Lines log.
    @Test func analyzeReadsAFractionLogInPercentAndSaysSo() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let values =
            Array(repeating: 0.9, count: 20) + Array(repeating: 0.12, count: 30)
            + Array(repeating: 0.9, count: 20)
        let lines = values.enumerated().map { index, value in
            #"{"timestamp": \#(1_700_000_000 + index * 15), "gpu_util": \#(value)}"#
        }
        try RankFolderTests.write(lines.joined(separator: "\n") + "\n", "gpu.jsonl", in: folder)

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        let incidents = CSVTestReader.records(run.output("incidents.csv"))
        #expect(incidents.map { $0["detector"] } == ["gpu_underutilized"])
        #expect(incidents.first?["peak"] == "12")
        #expect(incidents.first?["count"] == "30")
        let report = run.output("report.md")
        #expect(report.contains("below 50% for 7m 15s (30 samples"), "\(report)")
        #expect(report.contains(StretchWords.fractionWords("gpu_util")))
    }
}
