import Foundation
import Testing

@testable import RunLens

struct ServingSettingsTests {
    @Test func defaultsFollowTheSourceDocument() {
        let settings = ServingSettings()

        #expect(settings.sloLatencyP95Ms == 2000 && settings.sloLatencyP99Ms == 5000)
        #expect(settings.sloErrorRate == 0.001 && settings.sloAvailability == 0.999)
        #expect(settings.errorRateThreshold == 0.01 && settings.qualityRatio == 0.95)
        #expect(settings.burnWindows.map(\.factor) == [14.4, 6, 3, 1])
        #expect(settings.burnWindows.map(\.label) == ["1h/5m", "6h/30m", "1d/2h", "3d/6h"])
        #expect(abs(settings.budgetFraction - 0.001) < 1e-15)
        #expect(settings.problems.isEmpty)
    }

    @Test func partialConfigKeepsOtherDefaults() throws {
        let json =
            #"{"slo_violation": {"latency_p95_ms": 1500}, "error_rate": {"severity": "warning"}, "#
            + #""quality_regression": {"baselines": {"eval/mmlu": 0.7}}}"#
        let settings = try JSONDecoder().decode(ServingSettings.self, from: Data(json.utf8))

        #expect(settings.sloLatencyP95Ms == 1500)
        #expect(settings.errorRateSeverity == .warning)
        #expect(settings.qualityBaselines == ["eval/mmlu": 0.7])
        #expect(settings.sloLatencyP99Ms == 5000)
        #expect(settings.burnWindows == BurnWindow.workbookDefaults)
    }

    @Test func burnWindowsReadFromConfig() throws {
        let json =
            #"{"error_budget_burn": {"windows": [{"long_seconds": 7200, "short_seconds": 600, "#
            + #""factor": 10, "severity": "error"}]}}"#
        let settings = try JSONDecoder().decode(ServingSettings.self, from: Data(json.utf8))

        #expect(
            settings.burnWindows == [
                BurnWindow(longSeconds: 7200, shortSeconds: 600, factor: 10, severity: .error)
            ])
    }

    @Test func wrongTypeIsADecodingError() {
        let json = #"{"slo_violation": {"latency_p95_ms": "fast"}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ServingSettings.self, from: Data(json.utf8))
        }
    }

    @Test func encodedDefaultsReadBackEqual() throws {
        let data = try JSONEncoder().encode(ServingSettings())
        #expect(try JSONDecoder().decode(ServingSettings.self, from: data) == ServingSettings())
    }

    @Test func everyKeyIsExplained() throws {
        let data = try JSONEncoder().encode(ServingSettings())
        let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(ServingSettings.explanations.keys) == Set(SettingsTree.leafPaths(tree)))
    }

    @Test func eachDetectorHasItsOwnObject() throws {
        let data = try JSONEncoder().encode(ServingSettings())
        let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(tree.keys) == [
                "request_statistics", "slo_violation", "error_budget_burn", "error_rate",
                "quality_regression",
            ])
        let burn = try #require(tree["error_budget_burn"] as? [String: Any])
        #expect(burn["cooldown"] as? Double == 900)
        #expect((burn["windows"] as? [Any])?.count == 4)
    }

    @Test func problemsNameTheKey() {
        var settings = ServingSettings()
        settings.windowSeconds = 0
        settings.sloAvailability = 1
        settings.burnWindows = [
            BurnWindow(longSeconds: 60, shortSeconds: 300, factor: 2, severity: .warning)
        ]

        #expect(
            settings.problems == [
                "request_statistics.window_seconds must be a positive number",
                "slo_violation.availability must be between 0 and 1",
                "error_budget_burn.windows 1m/5m: the long window must cover the short one",
            ])
    }
}
