import Foundation
import Testing

@testable import RunLens

/// A run's report says which configuration judged it: the file, each setting it changed,
/// and the detectors it turned off, which `junit.xml` shows as skipped, not passed.
struct ConfigChangesTests {
    @Test func theDefaultsChangeNothing() {
        let changes = ConfigChanges.of(RunLensConfig(), file: nil)
        #expect(changes.changed.isEmpty)
        #expect(changes.disabled.isEmpty)
        #expect(SettingsWords.sentence(changes) == nil)
        #expect(
            SettingsWords.paragraph(changes)
                == "**Settings:** the defaults (no configuration file).\n")
    }

    @Test func namesEachChangedSettingAndEachDetectorTurnedOff() throws {
        let text = """
            { "training": { "loss_spike": { "enabled": false, "ratio": 2.5 } },
              "alert_storm": { "enabled": false }, "roles": { "train_loss": ["objective"] } }
            """
        let config = try ConfigLoader.parse(text, path: "runlens.json")
        let changes = ConfigChanges.of(config, file: "runlens.json")

        #expect(
            changes.changed.map { "\($0.key)=\($0.value)" } == [
                "alert_storm.enabled=false", "roles.train_loss=[\"objective\"]",
                "training.loss_spike.enabled=false", "training.loss_spike.ratio=2.5",
            ])
        // In the catalogue's order: training's detectors before the meta family's.
        #expect(changes.disabled.map(\.detector) == ["loss_spike", "alert_storm"])
        #expect(
            changes.disabled.map(\.key) == ["training.loss_spike.enabled", "alert_storm.enabled"])
        #expect(
            SettingsWords.sentence(changes)
                == "runlens.json changes 4 settings from the defaults; turned off: loss_spike, "
                + "alert_storm")
    }

    @Test func aFileThatRepeatsTheDefaultsChangesNothing() throws {
        let config = try ConfigLoader.parse(ConfigLoader.defaultsText(), path: "all.json")
        let changes = ConfigChanges.of(config, file: "all.json")
        #expect(changes.changed.isEmpty)
        #expect(SettingsWords.sentence(changes) == "all.json changes nothing from the defaults")
    }

    /// Through the binary: a loss spike at step 100 that `loss_spike` would report, with the
    /// detector turned off by `--config`.
    @Test func aDetectorTurnedOffIsSkippedInJUnitAndNamedInTheReport() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("run.jsonl")
        let lines = (1...200).map { step in
            let loss = step == 100 ? 9.0 : 2.0 + 0.01 * Double(step * 7 % 5)
            return "{\"step\": \(step), \"loss\": \(loss)}\n"
        }
        try lines.joined().write(to: log, atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("off.json")
        try #"{"training": {"loss_spike": {"enabled": false}}}"#.write(
            to: config, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["analyze", "--config", config.path, log.path])

        #expect(run.status != 2, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "\n  settings: \(config.path) changes 1 setting from the defaults; "
                    + "turned off: loss_spike\n"))
        let junit = try #require(XMLInspector.parse(run.output("junit.xml")))
        #expect(junit.all("testsuite").first?.attributes["skipped"] == "1")
        let skipped = junit.all("skipped")
        #expect(
            skipped.map { $0.attributes["message"] } == [
                "turned off by training.loss_spike.enabled in \(config.path)"
            ])
        let report = run.output("report.md")
        #expect(report.contains("\n**Turned off by the settings, so not judged:** `loss_spike`"))
        #expect(
            report.contains(
                "**Settings:** read from `\(config.path)`; 1 setting changed from the defaults: "
                    + "`training.loss_spike.enabled` = `false`.\n"))
        #expect(!run.output("incidents.csv").contains("loss_spike"))
        let settings = try #require(try run.summary()["settings"] as? [String: Any])
        #expect(settings["file"] as? String == config.path)
        let disabled = try #require(settings["disabled"] as? [[String: Any]])
        #expect(disabled.map { $0["detector"] as? String } == ["loss_spike"])
    }
}
