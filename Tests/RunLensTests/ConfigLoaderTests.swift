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
            text: #"{"serving": {"slo_violation": {"enabled": "yes"}}}"#,
            message:
                "config 'c.json': 'serving.slo_violation.enabled': expected true or false, "
                + "got 'yes'"
        ),
        Bad(
            text: #"{"fleet": {"stragglerFactor": 1.5}}"#,
            message:
                "config 'c.json': 'fleet.stragglerFactor': unknown key (allowed: gpu_overheat, "
                + "gpu_underutilized, memory_growth, ranks_ended_early, resource_pressure, "
                + "straggler, threshold_stretches)"),
        Bad(
            text: #"{"fleet": {"straggler": {"factr": 2}}}"#,
            message:
                "config 'c.json': 'fleet.straggler.factr': unknown key (allowed: enabled, factor, "
                + "gap_windows, min_excess_share, min_windows, severity, warmup_fraction, "
                + "window_steps)"),
        Bad(
            text: #"{"fleet": {"straggler": {"window_steps": "wide"}}}"#,
            message:
                "config 'c.json': 'fleet.straggler.window_steps': expected a number, "
                + "got 'wide'"),
        Bad(
            text: #"{"serving": {"slo_burn": {}}}"#,
            message:
                "config 'c.json': 'serving.slo_burn': unknown key (allowed: error_budget_burn, "
                + "error_rate, quality_regression, request_statistics, slo_violation)"),
        Bad(
            text: #"{"serving": {"quality_regression": {"baselines": {"eval/mmlu": "high"}}}}"#,
            message:
                "config 'c.json': 'serving.quality_regression.baselines.eval/mmlu': expected "
                + "a number, got 'high'"),
        Bad(
            text: #"{"serving": {"slo_violation": {"availability": 1.5}}}"#,
            message:
                "config 'c.json': 'serving.slo_violation.availability': expected a number above "
                + "0 and below 1, got 1.5"),
        Bad(
            text: #"{"windows": {"seconds": "5m"}}"#,
            message: "config 'c.json': 'windows.seconds': expected a number, got '5m'"),
        Bad(
            text: #"{"fleet": {"straggler": {"severity": "fatal"}}}"#,
            message:
                "config 'c.json': 'fleet.straggler.severity': expected one of info, warning, "
                + "error, critical, got 'fatal'"),
        Bad(
            text: #"{"roles": {"train_loss": "my_loss"}}"#,
            message: "config 'c.json': 'roles.train_loss': expected a list of metric names"),
        // JSON readers differ on which of the two to keep; this one kept the first.
        Bad(
            text: #"{"training": {"loss_spike": {"ratio": 3}}, "training": {"overfitting": {}}}"#,
            message:
                "config 'c.json': 'training': given twice in one object; give each setting once"),
        Bad(
            text: #"{"fleet": {"memory_growth": {"gpu_memory_capacity": 0}}}"#,
            message:
                "config 'c.json': 'fleet.memory_growth.gpu_memory_capacity': expected a number "
                + "above 0, got 0"),
        // Compared as metric names are: case and separators aside.
        Bad(
            text: #"{"roles": {"train_loss": ["my.objective"], "throughput": ["My_Objective"]}}"#,
            message:
                "config 'c.json': 'roles.train_loss': 'my.objective' is also listed under "
                + "'roles.throughput'; a metric takes one role"),
        Bad(text: "{\"windows\": ", message: "config 'c.json': not valid JSON (unreadable)"),
        Bad(
            text: #"{"training": {"loss_spike": {"ratio": -2}}}"#,
            message:
                "config 'c.json': 'training.loss_spike.ratio': expected a number of 0 or more, "
                + "got -2"),
        Bad(
            text: #"{"fleet": {"straggler": {"window_steps": -10}}}"#,
            message:
                "config 'c.json': 'fleet.straggler.window_steps': expected a number of 0 or "
                + "more, got -10"),
        Bad(
            text: #"{"windows": {"seconds": 0}}"#,
            message: "config 'c.json': 'windows.seconds': expected a number above 0, got 0"),
        // Release builds convert and add without checks: Int.max wrapped around, and rings of
        // that many points failed to allocate.
        Bad(
            text: #"{"training": {"loss_spike": {"cooldown": 9223372036854775807}}}"#,
            message:
                "config 'c.json': 'training.loss_spike.cooldown': expected a number of at most "
                + "1e15, got 9223372036854775807"),
        Bad(
            text: #"{"serving": {"error_budget_burn": {"cooldown": 2e15}}}"#,
            message:
                "config 'c.json': 'serving.error_budget_burn.cooldown': expected a number of at "
                + "most 1e15, got 2e15"),
        Bad(
            text: #"{"training": {"grad_explosion": {"window": 100001}}}"#,
            message:
                "config 'c.json': 'training.grad_explosion.window': expected a number of "
                + "at most 100000 (values held in memory), got 100001"),
        Bad(
            text: #"{"training": {"divergence": {"sustain": 1e15}}}"#,
            message:
                "config 'c.json': 'training.divergence.sustain': expected a number of "
                + "at most 100000 (values held in memory), got 1e15"),
        Bad(
            text: #"{"fleet": {"memory_growth": {"target_windows": 9223372036854775807}}}"#,
            message:
                "config 'c.json': 'fleet.memory_growth.target_windows': expected a number of at "
                + "most 1e15, got 9223372036854775807"),
        Bad(
            text: #"{"serving": {"error_budget_burn": {"windows": [{"factor": 14.4, "#
                + #""long_seconds": 1e300, "severity": "critical", "short_seconds": 300}]}}}"#,
            message:
                "config 'c.json': 'serving.error_budget_burn.windows[0].long_seconds': expected "
                + "a number of at most 1e15, got 1e300"),
        Bad(
            text: #"{"windows": {"seconds": 0.0001}}"#,
            message:
                "config 'c.json': 'windows.seconds': expected a number of at least 0.001, got "
                + "0.0001"),
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

    @Test func aBaselineScoreMayBeNegative() throws {
        let text = #"{"serving": {"quality_regression": {"baselines": {"eval/ll": -1.25}}}}"#

        let config = try ConfigLoader.parse(text, path: "c.json")

        #expect(config.serving.qualityBaselines["eval/ll"] == -1.25)
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

    @Test func nestedDetectorKeysReachTheSettings() throws {
        let text = """
            { "fleet": { "straggler": { "factor": 1.5, "window_steps": 20 },
                         "memory_growth": { "gpu_memory_capacity": null },
                         "threshold_stretches": { "tolerance": 2 } },
              "serving": { "slo_violation": { "latency_p95_ms": 1500 },
                           "error_budget_burn": { "cooldown": 60 },
                           "quality_regression": { "baselines": { "eval/mmlu": 0.7 } },
                           "request_statistics": { "max_versions": 4 } } }
            """
        let config = try ConfigLoader.parse(text, path: "c.json")
        #expect(config.fleet.stragglerFactor == 1.5)
        #expect(config.fleet.stragglerWindowSteps == 20)
        #expect(config.fleet.gpuMemoryCapacity == nil)
        #expect(config.fleet.stretchTolerance == 2)
        #expect(config.fleet.memoryGrowthPercentPerHour == 10)
        #expect(config.serving.sloLatencyP95Ms == 1500)
        #expect(config.serving.burnCooldownSeconds == 60)
        #expect(config.serving.qualityBaselines == ["eval/mmlu": 0.7])
        #expect(config.serving.maxVersions == 4)
        #expect(config.serving.sloLatencyP99Ms == 5000)
    }

    @Test func printedDefaultsNameEveryDetectorObject() {
        let text = ConfigLoader.defaultsText()
        for line in [
            "  \"fleet\": {", "    \"straggler\": {", "      \"factor\": 1.2,",
            "      \"window_steps\": null", "    \"threshold_stretches\": {",
            "    \"slo_violation\": {", "      \"latency_p95_ms\": 2000,",
            "    \"request_statistics\": {",
        ] {
            #expect(text.contains("\n" + line + "\n"), "\(line)")
        }
        #expect(!text.contains("stragglerFactor") && !text.contains("slo_latency_p95_ms"))
        #expect(text.contains("      // window width in steps; null chooses 10-50 logged steps\n"))
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
