import Foundation
import Testing

@testable import RunLens

struct FleetSettingsTests {
    @Test func aPartialConfigKeepsTheOtherDefaults() throws {
        let json = """
            {"straggler": {"factor": 1.5}, "memory_growth": {"gpu_memory_capacity": 80},
             "resource_pressure": {"disk_severity": "error"}}
            """
        let settings = try JSONDecoder().decode(FleetSettings.self, from: Data(json.utf8))

        #expect(settings.stragglerFactor == 1.5)
        #expect(settings.gpuMemoryCapacity == 80)
        #expect(settings.diskSeverity == .error)
        #expect(settings.memoryGrowthPercentPerHour == 10)
        #expect(settings.gpuOverheatCelsius == 85)
        #expect(settings.stragglerWindowSteps == nil)
    }

    @Test func defaultsFollowTheSourceDocument() {
        let settings = FleetSettings()

        #expect(settings.stragglerFactor == 1.2)
        #expect(settings.memoryGrowthPercentPerHour == 10)
        #expect(settings.gpuUnderutilizedPercent == 50)
        #expect(settings.gpuOverheatCelsius == 85)
        #expect(settings.gpuOverheatSeverity == .critical)
        #expect(settings.hostMemoryPercent == 90)
        #expect(settings.hostMemorySeverity == .critical)
        #expect(settings.diskPercent == 85)
        #expect(settings.cpuPercent == 95)
    }

    @Test func everyKeyIsExplainedAndNothingElse() throws {
        let data = try JSONEncoder().encode(FleetSettings())
        let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(Set(FleetSettings.explanations.keys) == Set(SettingsTree.leafPaths(tree)))
    }

    @Test func eachDetectorHasItsOwnObjectWithSnakeCaseKeys() throws {
        let data = try JSONEncoder().encode(FleetSettings())
        let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(
            Set(tree.keys) == [
                "straggler", "memory_growth", "gpu_underutilized", "gpu_overheat",
                "resource_pressure", "threshold_stretches", "ranks_ended_early",
            ])
        #expect(SettingsTree.leafPaths(tree).allSatisfy { $0 == $0.lowercased() })
        let straggler = try #require(tree["straggler"] as? [String: Any])
        #expect(straggler["enabled"] as? Bool == true)
        #expect(straggler["severity"] as? String == "warning")
        #expect(straggler["window_steps"] is NSNull)
    }

    @Test func encodingRoundTrips() throws {
        var settings = FleetSettings()
        settings.stragglerWindowSteps = 25
        settings.cpuSeverity = .critical
        let data = try JSONEncoder().encode(settings)

        #expect(try JSONDecoder().decode(FleetSettings.self, from: data) == settings)
    }

    @Test func aWrongTypeIsAnError() {
        let json = #"{"straggler": {"factor": "fast"}}"#

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FleetSettings.self, from: Data(json.utf8))
        }
    }
}
