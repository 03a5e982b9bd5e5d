import Foundation
import Testing

/// `alert_storm` in a configuration file reaches `analyze` and `digest`, through the built
/// binary: a threshold of 0 counting from info makes the one info incident of a log a storm.
struct AlertStormConfigTests {
    /// 200 steps with one isolated NaN gradient norm, at step 100: an info incident.
    static let log = (1...200).map {
        "{\"step\": \($0), \"loss\": \(3 - Double($0) / 100), \"grad_norm\": "
            + ($0 == 100 ? "NaN" : "1.0") + "}\n"
    }.joined()

    static let config =
        "{\"alert_storm\": {\"threshold\": 0, \"counts\": \"info\", \"severity\": \"warning\"}}"

    private func folder() throws -> URL {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("run"), withIntermediateDirectories: true)
        try Self.log.write(
            to: folder.appendingPathComponent("run/train.jsonl"), atomically: true,
            encoding: .utf8)
        try Self.config.write(
            to: folder.appendingPathComponent("storm.json"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func analyzeTakesTheStormsSettings() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run([
            "analyze", "-q", folder.path + "/run", "--config", folder.path + "/storm.json",
        ])

        let incidents = try run.summary()["incidents"] as? [[String: Any]] ?? []
        let kinds = incidents.map { "\($0["detector"] ?? ""):\($0["severity"] ?? "")" }
        #expect(kinds == ["alert_storm:warning", "divergence:info"])
    }

    @Test func digestTakesTheStormsSettings() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("digest").path

        let run = try BinaryRunner.run([
            "digest", folder.path + "/run", "-o", out, "--config", folder.path + "/storm.json",
        ])

        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOfFile: out + "/digest.csv", encoding: .utf8)
        #expect(csv.contains(",alert_storm:1;divergence:1,"))
    }
}
