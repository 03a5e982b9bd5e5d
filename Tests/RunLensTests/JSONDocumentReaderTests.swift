import Foundation
import Testing

@testable import RunLens

/// Counts and line numbers of the real files were worked out with Python's `json` module and
/// by finding each record's `{` line in the text, not with runlens.
struct JSONDocumentReaderTests {
    @Test func readsChainersLogWithBareNaN() throws {
        let (result, recorder) = try read(fixture: "01-chainer-log-nan.json")
        #expect(result == JSONDocumentResult(shape: .recordArray, records: 30))
        #expect(recorder.entries.count == 30)
        #expect(recorder.entries.allSatisfy { $0.kind == .record })
        #expect(recorder.entries.first?.line == 2)
        #expect(recorder.entries.last?.line == 213)
        #expect(
            recorder.entries.first?.leaves == [
                "main/loss=1.9940800541891444", "main/accuracy=0.4587615481532109", "epoch=0.0",
                "iteration=100.0", "elapsed_time=5.14030927323372",
            ])

        let nanLoss = recorder.entries.filter { $0.leaves.contains("main/loss=nan") }
        #expect(nanLoss.count == 9)
        #expect(nanLoss.first?.leaves.contains("iteration=2200.0") == true)
        let nanValidation = recorder.entries.filter {
            $0.leaves.contains("validation/main/loss=nan")
        }
        #expect(nanValidation.count == 2)
    }

    @Test func readsTrainerStateRecordsThenItsMetadata() throws {
        let (result, recorder) = try read(fixture: "whisper_large_v2_ja_trainer_state.json")
        #expect(result == JSONDocumentResult(shape: .trainerState, records: 206))
        #expect(recorder.entries.count == 207)
        #expect(recorder.entries.prefix(206).allSatisfy { $0.kind == .record })
        #expect(recorder.entries[0].line == 10)
        #expect(
            recorder.entries[0].leaves == [
                "epoch=0.19", "learning_rate=4.6000000000000004e-07", "loss=0.3048", "step=25.0",
            ])
        #expect(recorder.entries[205].line == 1255)
        #expect(
            recorder.entries[205].leaves == [
                "epoch=38.17", "step=5000.0", "total_flos=5.27162132754432e+20",
                "train_loss=0.01890342615880072", "train_runtime=77350.9963",
                "train_samples_per_second=3.232", "train_steps_per_second=0.065",
            ])

        let metadata = recorder.entries[206]
        #expect(metadata.kind == .metadata)
        #expect(metadata.line == 1)
        #expect(
            metadata.leaves == [
                "best_metric=0.7431560204762965",
                "best_model_checkpoint='/storage/elsayedissa/whisper-large-v2-japanese-24h/"
                    + "checkpoint-3000'",
                "epoch=38.16793893129771", "global_step=5000.0", "is_hyper_param_search=false",
                "is_local_process_zero=true", "is_world_process_zero=true", "max_steps=5000.0",
                "num_train_epochs=39.0", "total_flos=5.27162132754432e+20", "trial_name=null",
                "trial_params=null",
            ])
    }

    @Test func readsLLMPerfRequestArray() throws {
        let (result, recorder) = try read(fixture: "llmperf_lepton_7b_individual.json")
        #expect(result == JSONDocumentResult(shape: .recordArray, records: 150))
        #expect(recorder.entries.first?.line == 2)
        #expect(recorder.entries.last?.line == 1641)
        #expect(recorder.entries[9].line == 101)
        let rateLimited = recorder.entries.filter { $0.leaves.contains("error_code=429.0") }
        #expect(rateLimited.count == 130)
    }

    @Test func readsLLMPerfSummaryAsOneRecord() throws {
        let (result, recorder) = try read(fixture: "llmperf_lepton_7b_summary.json")
        #expect(result == JSONDocumentResult(shape: .singleObject, records: 1))
        #expect(recorder.entries.count == 1)
        #expect(recorder.entries.first?.line == 1)
        #expect(recorder.entries.first?.leaves.count == 79)
        #expect(recorder.entries.first?.leaves.first == "version='2023-08-31'")
    }

    static let documents: [(String, String, JSONDocumentResult, [String])] = [
        ("empty", "", JSONDocumentResult(shape: .empty), []),
        ("blank", " \r\n\t\n", JSONDocumentResult(shape: .empty), []),
        ("empty array", "[ ]", JSONDocumentResult(shape: .recordArray), []),
        ("empty object", "{}", JSONDocumentResult(shape: .singleObject, records: 1), ["record@1:"]),
        (
            "byte order mark", "\u{FEFF}[{\"a\":1}]",
            JSONDocumentResult(shape: .recordArray, records: 1), ["record@1:a=1.0"]
        ),
        (
            "records on their lines",
            "[\r\n  {\"a\": 1},\r\n\r\n  {\"b\": {\"c\": [1, 2]}}\r\n]\r\n",
            JSONDocumentResult(shape: .recordArray, records: 2),
            ["record@2:a=1.0", "record@4:b/c[0]=1.0,b/c[1]=2.0"]
        ),
        (
            "entries that are not objects", #"[{"a":1}, null, 3, [1], "x", {"a":2}]"#,
            JSONDocumentResult(
                shape: .recordArray, records: 2,
                passedOver: [11, 17, 20, 25].map {
                    JSONDocumentFailure(reason: "not a JSON object", line: 1, column: $0)
                }),
            ["record@1:a=1.0", "record@1:a=2.0"]
        ),
        (
            "trainer state",
            "{\"a\": 1,\n\"log_history\": [\n{\"loss\": 1},\n{\"loss\": NaN}\n],\n"
                + "\"b\": {\"c\": \"x\"}}",
            JSONDocumentResult(shape: .trainerState, records: 2),
            ["record@3:loss=1.0", "record@4:loss=nan", "metadata@1:a=1.0,b/c='x'"]
        ),
        (
            "escaped history key", #"{"log\u005fhistory":[{"l":1}]}"#,
            JSONDocumentResult(shape: .trainerState, records: 1), ["record@1:l=1.0", "metadata@1:"]
        ),
        (
            "history that is not an array", #"{"log_history":5}"#,
            JSONDocumentResult(shape: .singleObject, records: 1), ["record@1:log_history=5.0"]
        ),
    ]

    @Test(arguments: documents)
    func readsDocumentShapes(
        name: String, text: String, result: JSONDocumentResult, entries: [String]
    ) {
        let (got, recorder) = read(text)
        #expect(got == result, "\(name)")
        #expect(describe(recorder) == entries, "\(name)")
        #expect(recorder.openEntries == 0, "\(name)")
    }

    static let malformed: [(String, String, JSONDocumentResult, [String])] = [
        (
            "cut record array", "[\n {\"a\": 1},\n {\"a\": 2",
            failed(.recordArray, records: 1, "unexpected end of document", line: 3, column: 9),
            ["record@2:a=1.0"]
        ),
        (
            "bad number in second record", "[\n{\"a\":1},\n{\"a\":01}\n]",
            passed(.recordArray, records: 1, "invalid number '01'", line: 3, column: 6),
            ["record@2:a=1.0"]
        ),
        (
            "trailing comma", #"[{"a":1},]"#,
            passed(.recordArray, records: 1, "expected a value", line: 1, column: 10),
            ["record@1:a=1.0"]
        ),
        (
            "data after the array", #"[{"a":1}] x"#,
            failed(.recordArray, records: 1, "data after the document", line: 1, column: 11),
            ["record@1:a=1.0"]
        ),
        (
            "scalar document", "\n 42",
            failed(.unrecognized, records: 0, "not a JSON object or array", line: 2, column: 2), []
        ),
        (
            "cut trainer state keeps earlier records",
            "{\"x\":1,\"log_history\":[\n{\"l\":1},\n{\"l\":2},\n{\"l\":",
            failed(.trainerState, records: 2, "unexpected end of document", line: 4, column: 6),
            ["record@2:l=1.0", "record@3:l=2.0"]
        ),
        (
            "bad member in a lone object fails it whole", #"{"a":1.,"b":2}"#,
            failed(.singleObject, records: 0, "invalid number '1.'", line: 1, column: 6), []
        ),
        (
            "bad member in a lone object with garbage after it", #"{"a":1.} x"#,
            failed(.singleObject, records: 0, "invalid number '1.'", line: 1, column: 6), []
        ),
        (
            "object with garbage after it", #"{"a":1} {"a":2}"#,
            failed(.singleObject, records: 0, "data after the document", line: 1, column: 9), []
        ),
        (
            "object missing colon", "{\n\"a\" 1}",
            failed(.singleObject, records: 0, "expected ':' after a key", line: 2, column: 5), []
        ),
        (
            "unterminated key", "{\"a",
            failed(.singleObject, records: 0, "unterminated string", line: 1, column: 2), []
        ),
        (
            "deep arrays", "[" + String(repeating: "[", count: 100_000),
            failed(
                .recordArray, records: 0, "nesting deeper than 512 levels", line: 1, column: 514,
                restUnread: true),
            []
        ),
    ]

    /// Documents that break, and documents with entries that are passed over.
    @Test(arguments: malformed + passedOver)
    func reportsWhereADocumentBreaks(
        name: String, text: String, result: JSONDocumentResult, entries: [String]
    ) {
        let (got, recorder) = read(text)
        #expect(got == result, "\(name)")
        #expect(describe(recorder) == entries, "\(name)")
    }

    static let passedOver: [(String, String, JSONDocumentResult, [String])] = [
        (
            "bad entry between good ones", "[{\"a\":1},\n{\"a\":1.},\n{\"a\":3}]",
            passed(.recordArray, records: 2, "invalid number '1.'", line: 2, column: 6),
            ["record@1:a=1.0", "record@3:a=3.0"]
        ),
        (
            "bad entry that is not an object", #"[1.5e, {"a":2}]"#,
            passed(.recordArray, records: 1, "invalid number '1.5e'", line: 1, column: 2),
            ["record@1:a=2.0"]
        ),
        (
            "brackets, commas and an escaped quote inside a bad entry's string",
            #"[{"s":"]\",}","a":01},{"a":2}]"#,
            passed(.recordArray, records: 1, "invalid number '01'", line: 1, column: 19),
            ["record@1:a=2.0"]
        ),
        (
            "bad entry in log_history", #"{"log_history":[{"l":1},{"l":-},{"l":3}],"x":1}"#,
            passed(.trainerState, records: 2, "invalid number '-'", line: 1, column: 30),
            ["record@1:l=1.0", "record@1:l=3.0", "metadata@1:x=1.0"]
        ),
        (
            "missing comma", "[{\"a\":1}\n{\"a\":2}]",
            passed(
                .recordArray, records: 2, "expected ',' or ']' after a value", line: 2, column: 1),
            ["record@1:a=1.0", "record@2:a=2.0"]
        ),
        (
            "missing comma in log_history", "{\"log_history\":[{\"l\":1}\n{\"l\":2}],\"x\":1}",
            passed(
                .trainerState, records: 2, "expected ',' or ']' after a value", line: 2, column: 1
            ),
            ["record@1:l=1.0", "record@2:l=2.0", "metadata@1:x=1.0"]
        ),
        (
            "extra bracket inside an entry", "[{\"a\":1},\n{\"a\":[1]],\"b\":2},\n{\"a\":3}]",
            passed(
                .recordArray, records: 2, "expected ',' or '}' after a value", line: 2, column: 9),
            ["record@1:a=1.0", "record@3:a=3.0"]
        ),
        (
            "bad setting before log_history",
            "{\"best_metric\":1.,\n\"log_history\":[{\"l\":1}],\"x\":2}",
            passed(.trainerState, records: 1, "invalid number '1.'", line: 1, column: 16),
            ["record@2:l=1.0", "metadata@1:best_metric=null,x=2.0"]
        ),
        (
            "stray brace after an entry", "[{\"a\":1}},\n{\"a\":2},\n{\"a\":3}]",
            passed(
                .recordArray, records: 3, "expected ',' or ']' after a value", line: 1, column: 9),
            ["record@1:a=1.0", "record@2:a=2.0", "record@3:a=3.0"]
        ),
        (
            "stray text after the last entry", "[{\"a\":1},\n{\"a\":2} x]",
            passed(
                .recordArray, records: 2, "expected ',' or ']' after a value", line: 2, column: 9),
            ["record@1:a=1.0", "record@2:a=2.0"]
        ),
        (
            "missing comma between settings", "{\"x\":1\n\"log_history\":[{\"l\":1}],\"y\":2}",
            passed(
                .trainerState, records: 1, "expected ',' or '}' after a value", line: 2, column: 1
            ),
            ["record@2:l=1.0", "metadata@1:x=1.0,y=2.0"]
        ),
        (
            "bad metadata after history", #"{"log_history":[{"l":1}],"x":tru}"#,
            passed(.trainerState, records: 1, "invalid literal 'tru'", line: 1, column: 30),
            ["record@1:l=1.0", "metadata@1:x=null"]
        ),
        (
            "unbalanced bad entry stops reading",
            "[{\"a\":1},\n{\"a\":\"x},\n{\"a\":3}]",
            failed(
                .recordArray, records: 1, "control character in string", line: 2, column: 10,
                restUnread: true),
            ["record@1:a=1.0"]
        ),
    ]

    @Test func countsEveryBadEntryButKeepsTheFirstFew() {
        var reader = JSONDocumentReader(keptFailures: 2)
        var recorder = LeafRecorder()
        let text = Array("[{\"a\":01},\n{\"a\":02},\n{\"a\":5},\n{\"a\":03}]".utf8)
        let result = text.withUnsafeBytes { reader.read($0, visitor: &recorder) }
        #expect(result.records == 1)
        #expect(result.passedOverEntries == 3)
        #expect(result.entries == 4)
        #expect(
            result.passedOver.map(\.description) == [
                "line 1, column 7: invalid number '01'", "line 2, column 6: invalid number '02'",
            ])
        #expect(result.failure == nil)
    }

    @Test func failureDescriptionNamesLineAndColumn() {
        let failure = JSONDocumentFailure(reason: "unterminated string", line: 3, column: 7)
        #expect(failure.description == "line 3, column 7: unterminated string")
    }

    private static func failed(
        _ shape: JSONDocumentShape, records: Int, _ reason: String, line: Int, column: Int,
        restUnread: Bool = false
    ) -> JSONDocumentResult {
        JSONDocumentResult(
            shape: shape, records: records,
            failure: JSONDocumentFailure(reason: reason, line: line, column: column),
            restUnread: restUnread)
    }

    private static func passed(
        _ shape: JSONDocumentShape, records: Int, _ reason: String, line: Int, column: Int
    ) -> JSONDocumentResult {
        JSONDocumentResult(
            shape: shape, records: records,
            passedOver: [JSONDocumentFailure(reason: reason, line: line, column: column)])
    }

    private func describe(_ recorder: LeafRecorder) -> [String] {
        recorder.entries.map { entry in
            let kind = entry.kind == .record ? "record" : "metadata"
            return "\(kind)@\(entry.line):" + entry.leaves.joined(separator: ",")
        }
    }

    private func read(_ text: String) -> (JSONDocumentResult, LeafRecorder) {
        read(bytes: Array(text.utf8))
    }

    private func read(fixture name: String) throws -> (JSONDocumentResult, LeafRecorder) {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/json-documents/\(name)")
        return read(bytes: Array(try Data(contentsOf: url)))
    }

    private func read(bytes: [UInt8]) -> (JSONDocumentResult, LeafRecorder) {
        var reader = JSONDocumentReader()
        var recorder = LeafRecorder()
        let result = bytes.withUnsafeBytes { reader.read($0, visitor: &recorder) }
        return (result, recorder)
    }
}
