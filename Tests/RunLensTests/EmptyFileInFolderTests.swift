import Foundation
import Testing

@testable import RunLens

/// An empty or blank file beside a run's logs (`stderr.txt`, `config.yaml`) is passed over
/// as other text is; one named as a log or data, or named on the command line, still fails
/// the run when it holds no record.
struct EmptyFileInFolderTests {
    private static let log = "{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 2.25}\n"

    private func analyze(_ files: [String: String], inputs: [String]? = nil) throws -> (
        AnalysisResult, String
    ) {
        let root = try InputFixtures.scratchDirectory()
        for (name, text) in files {
            try InputFixtures.write(Array(text.utf8), to: name, in: root)
        }
        var options = AnalysisOptions(inputs: inputs?.map { root.path + "/" + $0 } ?? [root.path])
        options.threads = 1
        return (try Analyzer(options: options).run(), root.path)
    }

    @Test func blankFilesBesideALogAreSkipped() throws {
        let (result, root) = try analyze([
            "train.jsonl": Self.log, "stderr.txt": "", "config.yaml": " \n\n\t\r\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }

        #expect(result.inputErrors.isEmpty)
        #expect(result.accounting.records == 2)
        #expect(
            result.skipped == [
                SkippedInput(path: root + "/config.yaml", reason: "empty, not a log"),
                SkippedInput(path: root + "/stderr.txt", reason: "empty, not a log"),
            ])
    }

    /// A rank that wrote nothing, an empty CSV log, and an empty file named on the command
    /// line are inputs with no record: errors, as the SPEC has them.
    @Test(arguments: ["rank1.jsonl", "metrics.csv", "stderr.txt"])
    func anEmptyLogStillFailsTheRun(name: String) throws {
        let named = name == "stderr.txt" ? ["train.jsonl", name] : nil
        let (result, root) = try analyze(["train.jsonl": Self.log, name: ""], inputs: named)
        defer { try? FileManager.default.removeItem(atPath: root) }

        #expect(result.inputErrors.map(\.path) == [root + "/" + name])
        #expect(result.skipped.isEmpty)
    }
}
