import Foundation
import Testing

@testable import RunLens

struct ConfigLoaderTests {
    @Test func printedDefaultsAreAcceptedByTheChecker() throws {
        let config = try ConfigLoader.parse(ConfigLoader.defaultsText(), path: "defaults.json")
        #expect(config == RunLensConfig())
    }

    @Test func everyDefaultHasAnExplanation() {
        let text = ConfigLoader.defaultsText()
        let keys = text.split(separator: "\n").filter { $0.contains("\": ") && !$0.contains("{") }
        let explained = text.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
        }
        #expect(explained.count >= keys.count)
    }

    struct Bad: CustomStringConvertible, Sendable {
        var text: String
        var message: String
        var description: String { text }
    }

    static let bad: [Bad] = [
        Bad(
            text: #"{"windows": {"step": 10}}"#,
            message: "config 'c.json': 'windows.step': unknown key (allowed: seconds, steps)"),
        Bad(
            text: #"{"serving": {"slo_enabled": "yes"}}"#,
            message: "config 'c.json': 'serving.slo_enabled': expected true or false, got 'yes'"),
        Bad(
            text: #"{"windows": {"seconds": "5m"}}"#,
            message: "config 'c.json': 'windows.seconds': expected number, got '5m'"),
        Bad(
            text: #"{"fleet": {"stragglerSeverity": "fatal"}}"#,
            message:
                "config 'c.json': 'fleet.stragglerSeverity': expected one of info, warning, error, "
                + "critical, got 'fatal'"),
        Bad(
            text: #"{"roles": {"train_loss": "my_loss"}}"#,
            message: "config 'c.json': 'roles.train_loss': expected a list of metric names"),
        Bad(text: "{\"windows\": ", message: "config 'c.json': not valid JSON (unreadable)"),
    ]

    @Test(arguments: bad)
    func badConfigsNameTheKeyAndWhatIsAllowed(_ bad: Bad) {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(bad.text, path: "c.json") }
        do {
            _ = try ConfigLoader.parse(bad.text, path: "c.json")
        } catch {
            if bad.message.hasSuffix("(unreadable)") {
                #expect(error.description.hasPrefix("config 'c.json': not valid JSON"))
            } else {
                #expect(error.description == bad.message)
            }
        }
    }

    @Test func unknownRoleListsTheRoles() {
        do {
            _ = try ConfigLoader.parse(#"{"roles": {"trian_loss": ["x"]}}"#, path: "c.json")
            Issue.record("accepted an unknown role")
        } catch {
            #expect(
                error.description.hasPrefix("config 'c.json': 'roles.trian_loss': unknown role"))
            #expect(error.description.contains("train_loss, val_loss"))
        }
    }

    @Test func commentsAndPartialSectionsKeepTheOtherDefaults() throws {
        let text = """
            // my settings
            { "windows": { "steps": 10 }, // ten-step windows
              "roles": { "train_loss": ["my_loss"] } }
            """
        let config = try ConfigLoader.parse(text, path: "c.json")
        #expect(config.windows.steps == 10)
        #expect(config.windows.seconds == 300)
        #expect(config.extraRoles[.trainLoss] == ["my_loss"])
        #expect(config.fleet == FleetSettings())
    }

    @Test func analyzeAppliesTheConfigFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("c.json")
        try #"{"windows": {"steps": 50}, "roles": {"train_loss": ["my_loss"]}}"#.write(
            to: configFile, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("run.jsonl")
        let lines = (1...100).map { "{\"step\": \($0), \"my_loss\": \(1.0 / Double($0))}" }
        try lines.joined(separator: "\n").write(to: log, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["analyze", log.path, "--config", configFile.path])
        #expect(run.status == 0, "\(run.stderr)")
        let windows = CSVTestReader.records(run.output("windows.csv"))
        #expect(windows.map { $0["window_start"] } == ["0", "50", "100"])
        #expect((try run.summary()["roles"] as? [String: String])?["my_loss"] == "train_loss")

        let broken = try BinaryRunner.run(["analyze", log.path, "--config", "missing.json"])
        #expect(broken.status == 2)
        #expect(broken.stderr == "runlens: error: config 'missing.json': cannot read the file\n")
    }
}
