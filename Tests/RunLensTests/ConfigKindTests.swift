import Foundation
import Testing

@testable import RunLens

/// A value of the wrong kind for its key (a fraction for a count, text or `true` for a
/// number, a number a double cannot hold) is named by file and key, with what the key
/// expects and the value as the file wrote it.
struct ConfigKindTests {
    struct Bad: CustomStringConvertible, Sendable {
        var text: String
        var message: String
        var description: String { text }
    }

    static let bad: [Bad] = [
        Bad(
            text: #"{"training": {"loss_spike": {"window": 2.5}}}"#,
            message: "'training.loss_spike.window': expected a whole number, got 2.5"),
        Bad(
            text: #"{"training": {"divergence": {"sustain": 7.25}}}"#,
            message: "'training.divergence.sustain': expected a whole number, got 7.25"),
        Bad(
            text: #"{"fleet": {"threshold_stretches": {"min_samples": 1.5}}}"#,
            message: "'fleet.threshold_stretches.min_samples': expected a whole number, got 1.5"),
        Bad(
            text: #"{"serving": {"error_rate": {"top_types": 2.5e0}}}"#,
            message: "'serving.error_rate.top_types': expected a whole number, got 2.5e0"),
        Bad(
            text: #"{"training": {"loss_spike": {"ratio": 1e-400}}}"#,
            message:
                "'training.loss_spike.ratio': expected 0 or a number of at least 5e-324 in "
                + "size, got 1e-400"),
        Bad(
            text: #"{"training": {"loss_spike": {"ratio": 1e400}}}"#,
            message: "'training.loss_spike.ratio': expected a number of at most 1e15, got 1e400"),
        Bad(
            text: #"{"training": {"loss_spike": {"window": 1e16}}}"#,
            message: "'training.loss_spike.window': expected a number of at most 1e15, got 1e16"),
        Bad(
            text: #"{"training": {"loss_spike": {"ratio": "abc"}}}"#,
            message: "'training.loss_spike.ratio': expected a number, got 'abc'"),
        Bad(
            text: #"{"training": {"loss_spike": {"ratio": true}}}"#,
            message: "'training.loss_spike.ratio': expected a number, got true"),
        Bad(
            text: #"{"fleet": {"memory_growth": {"gpu_memory_capacity": false}}}"#,
            message: "'fleet.memory_growth.gpu_memory_capacity': expected a number, got false"),
        Bad(
            text: #"{"training": {"loss_spike": {"enabled": 1}}}"#,
            message: "'training.loss_spike.enabled': expected true or false, got 1"),
        Bad(
            text: #"{"baseline": {"latency_p99": {"max_worse_percent": "20%"}}}"#,
            message: "'baseline.latency_p99.max_worse_percent': expected a number, got '20%'"),
        Bad(
            text: #"{"serving": {"quality_regression": {"baselines": {"eval/ll": true}}}}"#,
            message: "'serving.quality_regression.baselines.eval/ll': expected a number, got true"
        ),
        Bad(
            text: #"{"serving": {"quality_regression": {"lower_is_better": ["ppl", 1]}}}"#,
            message: "'serving.quality_regression.lower_is_better[1]': expected a string, got 1"),
        Bad(
            text: #"{"training": {"loss_scale_collapse": {"min_skipped_share": 1.5}}}"#,
            message:
                "'training.loss_scale_collapse.min_skipped_share': expected a number from 0 to 1,"
                + " got 1.5"),
        Bad(
            text: #"{"training": {"loss_scale_collapse": {"min_skipped_share": 1}}}"#,
            message: "ok: every update skipped is a share too"),
        Bad(
            text: #"{"serving": {"error_budget_burn": {"windows": {}}}}"#,
            message: "'serving.error_budget_burn.windows': expected a list, got an object"),
        Bad(
            text: #"{"serving": {"error_budget_burn": {"windows": [3]}}}"#,
            message: "'serving.error_budget_burn.windows[0]': expected an object, got 3"),
        Bad(
            text: burnWindow(#""factor": "x", "long_seconds": 3600, "short_seconds": 300"#),
            message: "'serving.error_budget_burn.windows[0].factor': expected a number, got 'x'"),
        Bad(
            text: burnWindow(#""factor": 2, "long_seconds": 3600, "short_seconds": 300.5e0"#),
            message: "ok: seconds take fractions"),
        Bad(
            text: burnWindow(#""factor": 2, "long_seconds": 3600, "short_seconds": 300, "x": 1"#),
            message:
                "'serving.error_budget_burn.windows[0].x': unknown key (allowed: factor, "
                + "long_seconds, severity, short_seconds)"),
        Bad(
            text: #"{"serving": {"error_budget_burn": {"windows": [{"factor": 2, "#
                + #""long_seconds": 3600, "short_seconds": 300}]}}}"#,
            message:
                "'serving.error_budget_burn.windows[0].severity': missing (each item needs "
                + "factor, long_seconds, severity, short_seconds)"),
        Bad(
            text: #"{"serving": {"error_budget_burn": {"windows": [{"factor": 2, "#
                + #""long_seconds": 3600, "short_seconds": 300, "severity": "high"}]}}}"#,
            message:
                "'serving.error_budget_burn.windows[0].severity': expected one of info, "
                + "warning, error, critical, got 'high'"),
    ]

    /// A list of one burn-rate alert of severity warning with `fields`.
    static func burnWindow(_ fields: String) -> String {
        #"{"serving": {"error_budget_burn": {"windows": [{"severity": "warning", "#
            + fields + "}]}}}"
    }

    @Test(arguments: bad)
    func wrongKindsNameTheFileTheKeyAndWhatIsExpected(_ bad: Bad) {
        do {
            _ = try ConfigLoader.parse(bad.text, path: "c.json")
            #expect(bad.message.hasPrefix("ok"), "accepted")
        } catch {
            #expect(error.description == "config 'c.json': " + bad.message)
        }
    }

    @Test func wholeNumbersWrittenWithAFractionOrExponentAreCounts() throws {
        let text = #"{"training": {"loss_spike": {"window": 100.0, "warmup": 1E1}}}"#

        let config = try ConfigLoader.parse(text, path: "c.json")

        #expect(config.training.lossSpike.window == 100)
        #expect(config.training.lossSpike.warmup == 10)
    }

    @Test(arguments: [
        ("training.loss_spike.window", true), ("training.loss_spike.ratio", false),
        ("fleet.straggler.min_windows", true), ("fleet.straggler.window_steps", false),
        ("serving.request_statistics.max_versions", true), ("windows.steps", false),
        ("serving.quality_regression.baselines.eval/mmlu", false),
    ])
    func wholeNumberKeysFollowTheSettingsTypes(_ key: String, _ whole: Bool) {
        var path = ConfigKeyPath()
        for part in key.split(separator: ".", maxSplits: 3) { path = path.appending(String(part)) }

        #expect(ConfigLoader.takesWholeNumbers(path) == whole)
    }

    @Test func burnWindowItemsTakeWholeNumbersOnlyWhereTheirTypeDoes() {
        let item = ConfigKeyPath().appending("serving").appending("error_budget_burn")
            .appending("windows").appending(3)

        #expect(!ConfigLoader.takesWholeNumbers(item.appending("long_seconds")))
        #expect(!ConfigLoader.takesWholeNumbers(item.appending("factor")))
    }

    @Test func analyzeNamesTheKeyOfAWrongKindAndExitsTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-config-kind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("c.json")
        try #"{"training": {"loss_spike": {"window": 2.5}}}"#.write(
            to: configFile, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("run.jsonl")
        try #"{"step": 1, "loss": 1}"#.write(to: log, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["analyze", log.path, "--config", configFile.path])

        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: config '\(configFile.path)': 'training.loss_spike.window': "
                + "expected a whole number, got 2.5\n")
    }
}
