import Foundation
import Testing

@testable import RunLens

struct TrainingSettingsTests {
    /// `detector.setting` for every leaf of the encoded defaults.
    static func encodedKeys() throws -> Set<String> {
        let data = try JSONEncoder().encode(TrainingSettings())
        let object = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        var keys = Set<String>()
        for (detector, settings) in object ?? [:] {
            for setting in settings.keys { keys.insert("\(detector).\(setting)") }
        }
        return keys
    }

    @Test func everySettingHasAnExplanationAndEveryExplanationASetting() throws {
        let keys = try Self.encodedKeys()

        #expect(keys.count == 75)
        #expect(keys == Set(TrainingSettings.explanations.keys))
    }

    @Test func defaultsFollowTheSourceDocumentWhereItGivesThem() {
        let settings = TrainingSettings()

        #expect(settings.lossSpike.ratio == 2)
        #expect(settings.lossSpike.window == 100)
        #expect(settings.lossSpike.severity == .critical)
        #expect(settings.lossPlateau.severity == .warning)
        #expect(settings.lossPlateau.maxRise == 0.1)
        #expect(settings.overfitting.ratio == 1.5)
        #expect(settings.divergence.severity == .critical)
        #expect(settings.divergence.cooldown == 0)
        #expect(settings.throughputDrop.rankRatio == 0.8)
        #expect(settings.dataBottleneck.factor == 1)
    }

    @Test func aConfigNamesOnlyWhatItChanges() throws {
        let text =
            #"{"loss_spike": {"ratio": 3, "severity": "warning"},"#
            + #" "overfitting": {"enabled": false}}"#

        let settings = try JSONDecoder().decode(TrainingSettings.self, from: Data(text.utf8))

        #expect(settings.lossSpike.ratio == 3)
        #expect(settings.lossSpike.severity == .warning)
        #expect(settings.lossSpike.window == 100)
        #expect(!settings.overfitting.enabled)
        #expect(settings.divergence == DivergenceSettings())
    }

    @Test func settingsRoundTripThroughJSON() throws {
        var settings = TrainingSettings()
        settings.throughputDrop.windowPoints = 7
        settings.dataBottleneck.minDataSeconds = 0.25

        let data = try JSONEncoder().encode(settings)

        #expect(try JSONDecoder().decode(TrainingSettings.self, from: data) == settings)
    }

    @Test func disabledDetectorsAreLeftOutOfTheFamily() {
        var settings = TrainingSettings()
        settings.lossPlateau.enabled = false
        settings.dataBottleneck.enabled = false

        let ids = TrainingDetectors.make(settings).flatMap(\.ids)

        #expect(
            ids == [
                "divergence", "loss_spike", "overfitting", "grad_explosion",
                "loss_scale_collapse", "throughput_drop",
            ])
        #expect(TrainingDetectors.make().count == 8)
    }
}
