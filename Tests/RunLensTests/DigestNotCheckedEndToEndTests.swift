import Foundation
import Testing

/// `digest --previous` end to end: a run that failed on a NaN loss (`divergence`, critical)
/// and passes when analyzed again with `divergence` turned off is not checked, not fixed.
struct DigestNotCheckedEndToEndTests {
    /// `nanrun.jsonl`: steps 0-29, loss 2 − 0.02 × step, NaN at step 20; and `off.json`,
    /// which turns `divergence` off.
    static func files() throws -> (folder: URL, log: String, off: String) {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        let lines = (0..<30).map { step in
            step == 20
                ? "{\"step\": 20, \"loss\": NaN}"
                : "{\"step\": \(step), \"loss\": \(2.0 - 0.02 * Double(step))}"
        }
        let log = folder.path + "/nanrun.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
        let off = folder.path + "/off.json"
        try Data(#"{"training": {"divergence": {"enabled": false}}}"#.utf8).write(
            to: URL(fileURLWithPath: off))
        return (folder, log, off)
    }

    static func run(_ arguments: [String]) throws -> BinaryRunner.Outcome {
        try BinaryRunner.run(arguments, addOutput: false)
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Runs the digest `arguments` write to `-o`, checks that it calls `nanrun` not checked
    /// rather than fixed, and returns its `digest.md`.
    @discardableResult
    static func notChecked(_ arguments: [String]) throws -> String {
        let digest = try Self.run(arguments)
        #expect(digest.status == 0, "\(digest.stderr)")
        let output = try #require(arguments.last)
        let text = try Self.read(output + "/digest.md")
        #expect(text.contains("\n- Fixed: none.\n"))
        #expect(
            text.contains(
                "\n- Not checked: `nanrun` (failed before; `divergence` turned off now).\n"))
        return text
    }

    /// The earlier digest of the run as it failed, in `folder/d1`.
    static func earlierDigest(_ folder: URL, _ log: String) throws -> String {
        let before = folder.path + "/a"
        #expect(try Self.run(["analyze", log, "-o", before]).status == 1)
        let d1 = folder.path + "/d1"
        #expect(try Self.run(["digest", before, "-o", d1]).status == 0)
        #expect(try Self.read(d1 + "/digest.csv").contains("\nnanrun,critical,"))
        return d1
    }

    @Test func aSummaryAnalyzedWithTheDetectorOffIsNotChecked() throws {
        let (folder, log, off) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let d1 = try Self.earlierDigest(folder, log)
        let after = folder.path + "/b"
        #expect(try Self.run(["analyze", log, "--config", off, "-o", after]).status == 0)

        let d2 = folder.path + "/d2"
        let text = try Self.notChecked(["digest", after, "--previous", d1, "-o", d2])

        #expect(text.contains("\n- Better: none.\n"))
        #expect(text.contains("| ok (divergence off) |"))
        #expect(
            text.contains(
                "\n- Incident kinds hitting fewer runs: `divergence` 1 → 0 runs "
                    + "(turned off in 1).\n"))
        let csv = try Self.read(d2 + "/digest.csv")
        #expect(csv.hasPrefix("run,status,") && csv.contains(",read_error,disabled\r\n"))
        #expect(csv.contains(",divergence\r\n"))
    }

    /// Logs analyzed by the digest itself with `--config`, against an earlier digest read from
    /// its `digest.csv` alone (no severity per kind there).
    @Test func logsDigestedWithTheDetectorOffAreNotChecked() throws {
        let (folder, log, off) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let d1 = try Self.earlierDigest(folder, log)
        try FileManager.default.removeItem(atPath: d1 + "/digest.json")

        let d2 = folder.path + "/d2"
        try Self.notChecked(["digest", log, "--config", off, "--previous", d1, "-o", d2])
    }

    /// The same log with the NaN gone, judged with every detector on: fixed.
    @Test func aRunJudgedByTheSameDetectorsIsFixed() throws {
        let (folder, log, _) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let d1 = try Self.earlierDigest(folder, log)
        let fixed = try Self.read(log).replacingOccurrences(of: "NaN", with: "1.6")
        try Data(fixed.utf8).write(to: URL(fileURLWithPath: log))

        let d2 = folder.path + "/d2"
        let digest = try Self.run(["digest", log, "--previous", d1, "-o", d2])

        #expect(digest.status == 0, "\(digest.stderr)")
        let text = try Self.read(d2 + "/digest.md")
        #expect(text.contains("\n- Fixed: `nanrun`.\n"))
        #expect(!text.contains("Not checked"))
    }
}
