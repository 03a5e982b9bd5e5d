import Foundation
import Testing

@testable import RunLens

struct FleetSettingsTests {
    @Test func aPartialConfigKeepsTheOtherDefaults() throws {
        let json = #"{"stragglerFactor": 1.5, "gpuMemoryCapacity": 80, "diskSeverity": "error"}"#
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

    @Test func everyKeyIsExplainedAndNothingElse() {
        let keys = Set(FleetSettings.CodingKeys.allCases.map(\.rawValue))

        #expect(Set(FleetSettings.explanations.keys) == keys)
    }

    @Test func encodingRoundTrips() throws {
        var settings = FleetSettings()
        settings.stragglerWindowSteps = 25
        settings.cpuSeverity = .critical
        let data = try JSONEncoder().encode(settings)

        #expect(try JSONDecoder().decode(FleetSettings.self, from: data) == settings)
    }

    @Test func aWrongTypeIsAnError() {
        let json = #"{"stragglerFactor": "fast"}"#

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FleetSettings.self, from: Data(json.utf8))
        }
    }
}
