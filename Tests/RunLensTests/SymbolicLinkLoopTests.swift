import Foundation
import Testing

/// A symbolic link loop named on the command line is said to be a loop, wherever it is named;
/// it read as a missing file (`no such file`) for `--baseline` and `--previous`.
struct SymbolicLinkLoopTests {
    /// A folder holding `loop`, a link to itself.
    static func loop() throws -> (folder: URL, path: String) {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        let path = folder.path + "/loop"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path)
        return (folder, path)
    }

    static let log = BinaryRunner.fixture("cases/02-resume-replayed-steps.jsonl")

    @Test func everyFlagThatNamesALoopSaysSo() throws {
        let (folder, loop) = try Self.loop()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.path + "/out"
        let cases: [([String], String)] = [
            (["analyze", loop, "-o", output], "cannot read '\(loop)': symbolic link loop"),
            (
                ["analyze", Self.log, "--baseline", loop, "-o", output],
                "baseline '\(loop)': symbolic link loop"
            ),
            (
                ["analyze", Self.log, "--config", loop, "-o", output],
                "config '\(loop)': symbolic link loop"
            ),
            (
                ["digest", Self.log, "--previous", loop, "-o", output],
                "cannot read previous digest '\(loop)': symbolic link loop"
            ),
            (["digest", loop, "-o", output], "cannot read '\(loop)': symbolic link loop"),
        ]
        for (arguments, message) in cases {
            let run = try BinaryRunner.run(arguments, addOutput: false)
            #expect(run.status == 2, "\(arguments)")
            let first = run.stderr.split(separator: "\n").first.map(String.init)
            #expect(first == "runlens: error: " + message, "\(arguments)")
        }
    }
}
