import Foundation
import Testing

@testable import RunLens

/// A run folder holds configurations and summaries beside its logs, each one JSON object:
/// found in a directory, they are listed as skipped; named on the command line, read.
struct LoneObjectTests {
    private static let history =
        "{\"log_history\": [{\"step\": 10, \"loss\": 2.5}, {\"step\": 20, \"loss\": 2.25}]}"

    /// A Hugging Face output folder: its history, a model configuration written pretty, a
    /// vocabulary on one line, the closing totals and the final evaluation.
    private static let outputFolder = [
        "trainer_state.json": history,
        "config.json": "{\n  \"hidden_size\": 4096,\n  \"num_hidden_layers\": 32\n}\n",
        "vocab.json": "{\"<s>\": 1, \"</s>\": 2, \"the\": 3}\n",
        "all_results.json": "{\"epoch\": 3.0, \"train_loss\": 0.41, \"train_runtime\": 3600.5}",
        "eval_results.json":
            "{\n    \"epoch\": 3.0,\n    \"eval_loss\": 0.52,\n    \"eval_runtime\": 60.1\n}",
    ]

    private func folder(_ files: [String: String]) throws -> URL {
        let root = try InputFixtures.scratchDirectory()
        for (name, text) in files {
            try InputFixtures.write(Array(text.utf8), to: name, in: root)
        }
        return root
    }

    private func analyze(_ inputs: [String]) throws -> AnalysisResult {
        var options = AnalysisOptions(inputs: inputs)
        options.threads = 1
        return try Analyzer(options: options).run()
    }

    @Test func configurationsAndSummariesInAFolderAreSkippedAndListed() throws {
        let root = try folder(Self.outputFolder)
        defer { try? FileManager.default.removeItem(at: root) }

        let result = try analyze([root.path])

        #expect(result.inputs.map(\.path) == [root.path + "/trainer_state.json"])
        #expect(result.accounting.records == 2)
        #expect(result.inputErrors.isEmpty)
        let reasons = Dictionary(
            uniqueKeysWithValues: result.skipped.map {
                (String($0.path.dropFirst(root.path.count + 1)), $0.reason)
            })
        let placeless =
            "one JSON object with no step, epoch or time: a configuration or summary, not a log"
        let totals = "one JSON object of a run's closing totals (a *_runtime), not a log"
        #expect(
            reasons == [
                "config.json": placeless, "vocab.json": placeless, "eval_results.json": totals,
                "all_results.json": totals,
            ])
    }

    /// A rank that wrote one record before it died, a summary with a time (LLMPerf's) and a
    /// record on one line with a step are records of the run, whatever their shape.
    @Test func aLoneObjectWithAStepOrATimeIsRead() throws {
        let root = try folder([
            "rank0.jsonl": "{\"step\": 1, \"loss\": 2.5}\n{\"step\": 2, \"loss\": 2.4}\n",
            "rank1.jsonl": "{\"step\": 1, \"loss\": 2.5}\n",
            "summary.json": "{\n \"timestamp\": 1700000000,\n \"results_ttft_s_mean\": 0.5\n}",
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        let result = try analyze([root.path])

        #expect(result.skipped.isEmpty)
        #expect(result.inputs.map(\.accounting.records) == [2, 1, 1])
    }

    /// A rank that crashed after one line, or a rank named in the file or its record: the
    /// name or the record places it in the run, whatever else it holds.
    @Test func aLoneObjectNamedAsALogIsRead() throws {
        let line = "{\"loss\": 2.5, \"tokens_per_second\": 1000}\n"
        let root = try folder([
            "rank0.jsonl": line + line, "rank1.jsonl": line, "b/requests.jsonl": line,
            "c/worker.json": "{\"rank\": 2, \"loss\": 2.5}",
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        let result = try analyze([root.path])

        #expect(result.skipped.isEmpty)
        #expect(result.accounting.records == 5)
    }

    /// A log written one file an epoch, each file one object.
    @Test func filesOfOneEpochEachAreRead() throws {
        let files = (1...3).map {
            ("epoch_\($0).json", "{\n \"epoch\": \($0),\n \"train_loss\": \(3 - $0)\n}")
        }
        let root = try folder(Dictionary(uniqueKeysWithValues: files))
        defer { try? FileManager.default.removeItem(at: root) }

        let result = try analyze([root.path])

        #expect(result.skipped.isEmpty)
        #expect(result.accounting.records == 3)
    }

    /// W&B writes the history's last values again in `wandb-summary.json`, with `_step`.
    @Test func aWandbRunSummaryIsSkipped() throws {
        let root = try folder([
            "files/history.jsonl": "{\"_step\": 0, \"loss\": 2}\n{\"_step\": 1, \"loss\": 1.5}\n",
            "files/wandb-summary.json":
                "{\"_step\": 1, \"loss\": 1.5, \"_runtime\": 9.5, \"_wandb\": {\"runtime\": 9}}",
        ])
        defer { try? FileManager.default.removeItem(at: root) }

        let result = try analyze([root.path])

        #expect(
            result.skipped.map(\.reason) == [
                "a W&B run summary (_wandb): the history's last values, not a log"
            ])
        #expect(result.inputs.allSatisfy { $0.warnings.isEmpty })
    }

    /// A vocabulary maps tokens such as `step` to ids: more fields than a record holds.
    @Test func anObjectOfMoreFieldsThanARecordHoldsIsSkipped() throws {
        let root = try folder([
            "vocab.json": "{\"step\": 0, \"epoch\": 1, \"the\": 2, \"a\": 3, \"of\": 4, \"to\": 5}",
            "train.jsonl": "{\"step\": 1, \"loss\": 2}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        var options = AnalysisOptions(inputs: [root.path])
        options.threads = 1
        options.maxFields = 5

        let result = try Analyzer(options: options).run()

        #expect(
            result.skipped.map(\.reason) == [
                "one JSON object of 6 fields, more than a record holds (--max-fields 5): a "
                    + "vocabulary or table, not a log"
            ])
    }

    @Test func aConfigurationNamedOnTheCommandLineIsRead() throws {
        let root = try folder(["config.json": Self.outputFolder["config.json"] ?? ""])
        defer { try? FileManager.default.removeItem(at: root) }

        let result = try analyze([root.path + "/config.json"])

        #expect(result.skipped.isEmpty)
        #expect(result.accounting.records == 1)
    }

    /// Two lines, an object that does not parse, or an array: not one object, read as before.
    @Test(arguments: [
        "{\"hidden_size\": 1}\n{\"hidden_size\": 2}\n", "{\"hidden_size\": 1,}\n",
        "[{\"hidden_size\": 1}]",
    ])
    func otherShapesAreNotProbed(text: String) throws {
        let root = try folder(["rank0.jsonl": "{\"step\": 1, \"loss\": 2.5}\n", "x.json": text])
        defer { try? FileManager.default.removeItem(at: root) }

        let result = try analyze([root.path])

        #expect(result.skipped.isEmpty)
        #expect(result.inputs.count == 2)
    }

    /// A runlens `summary.json` is an analysis's result: read as a log it passed with one
    /// record of its counts.
    @Test func aRunlensSummaryIsNoLog() throws {
        let summary =
            "{\n  \"accounting\" : {\"lines\" : 4},\n  \"schema\" : 1,\n  \"tool\" : \"runlens\"\n}"
        let root = try folder([
            "summary.json": summary, "train.jsonl": "{\"step\": 1, \"loss\": 2}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.path + "/summary.json"
        let reason =
            "a runlens summary.json, the result of an analysis, not a log (runlens digest reads "
            + "summaries; analyze --baseline compares with one)"

        #expect(try analyze([root.path]).skipped == [SkippedInput(path: path, reason: reason)])
        #expect(
            throws: AnalysisError.input(InputError(path: path, kind: .unsupportedFormat(reason)))
        ) {
            try analyze([path])
        }
    }
}
