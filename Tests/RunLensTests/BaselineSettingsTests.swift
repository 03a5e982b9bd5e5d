import Foundation
import Testing

@testable import RunLens

struct BaselineSettingsTests {
    @Test func defaultsFlagTheChangesTheTeamChose() {
        let settings = BaselineSettings()

        #expect(settings.enabled)
        #expect(settings.rule(.finalTrainLoss) == BaselineRule(enabled: true, maxWorsePercent: 5))
        #expect(settings.rule(.finalValLoss) == BaselineRule(enabled: true, maxWorsePercent: 5))
        #expect(settings.rule(.throughput) == BaselineRule(enabled: true, maxWorsePercent: 10))
        #expect(settings.rule(.latencyP99) == BaselineRule(enabled: true, maxWorsePercent: 20))
        #expect(
            settings.rule(.errorRate)
                == BaselineRule(enabled: true, maxWorsePercent: 50, minWorseChange: 0.1))
        let shownOnly = BaselineQuantity.allCases.filter { !settings.rule($0).enabled }
        #expect(
            shownOnly == [
                .bestTrainLoss, .bestValLoss, .evalScore, .stepTimeMean, .stepTimeP95, .latencyP50,
                .latencyP95, .ttftP50, .ttftP95,
            ])
        #expect(BaselineQuantity.allCases.allSatisfy { settings.rule($0).severity == .warning })
    }

    @Test func aPartialConfigKeepsTheOtherDefaults() throws {
        let json = """
            {"throughput": {"max_worse_percent": 25},
             "latency_p95": {"enabled": true, "severity": "critical"}}
            """
        let settings = try JSONDecoder().decode(BaselineSettings.self, from: Data(json.utf8))

        #expect(settings.rule(.throughput) == BaselineRule(enabled: true, maxWorsePercent: 25))
        #expect(
            settings.rule(.latencyP95)
                == BaselineRule(enabled: true, severity: .critical, maxWorsePercent: 20))
        #expect(settings.rule(.finalTrainLoss) == BaselineRule(enabled: true, maxWorsePercent: 5))
        #expect(settings.enabled)
    }

    @Test func encodingRoundTripsAndEveryKeyIsExplained() throws {
        var settings = BaselineSettings()
        settings.enabled = false
        settings.rules[.ttftP99]?.minWorseChange = 50
        let data = try JSONEncoder().encode(settings)
        let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(try JSONDecoder().decode(BaselineSettings.self, from: data) == settings)
        let leaves = Set(SettingsTree.leafPaths(tree))
        #expect(leaves.isSubset(of: Set(BaselineSettings.explanations.keys)))
        #expect(leaves.count == 1 + 4 * BaselineQuantity.allCases.count)
    }

    @Test func theConfigFileReadsTheSection() throws {
        let config = try ConfigLoader.parse(
            #"{"baseline": {"error_rate": {"min_worse_change": 1}}}"#, path: "c.json")
        #expect(config.baseline.rule(.errorRate).minWorseChange == 1)

        #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(#"{"baseline": {"loss": {}}}"#, path: "c.json")
        }
    }
}
