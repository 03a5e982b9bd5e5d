import Foundation
import Testing

/// `runlens config`, run as a user would.
struct ConfigRunnerTests {
    @Test func printedDefaultsPassTheCheck() throws {
        let printed = try BinaryRunner.run(["config", "--print-defaults"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let file = printed.directory.appendingPathComponent("runlens.json")
        try Data(printed.stdout.utf8).write(to: file)

        let checked = try BinaryRunner.run(["config", "--check", file.path])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout == "config '\(file.path)': ok\n")
    }

    @Test func anOldFlatKeyIsNamedByItsPath() throws {
        let folder = try BinaryRunner.run(["config", "--help"]).directory
        let file = folder.appendingPathComponent("old.json")
        try Data(#"{"serving": {"slo_latency_p95_ms": 1500}}"#.utf8).write(to: file)

        let checked = try BinaryRunner.run(["config", "--check", file.path])
        #expect(checked.status == 2)
        #expect(
            checked.stderr
                == "runlens: error: config '\(file.path)': 'serving.slo_latency_p95_ms': unknown "
                + "key (allowed: error_budget_burn, error_rate, quality_regression, "
                + "request_statistics, slo_violation)\n")
    }
}
