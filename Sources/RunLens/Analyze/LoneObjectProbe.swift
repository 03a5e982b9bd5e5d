/// Tells a configuration or a summary from a log, for a file found in a directory whose whole
/// content is one JSON object.
///
/// Run folders hold such files beside their logs: a model's `config.json`, a tokenizer's
/// `vocab.json`, Hugging Face's `all_results.json`, W&B's `wandb-summary.json`. Read as a
/// record, each would add a one-point series per key or a point that repeats the history's
/// last, and one whose only entry is a run's closing totals would fail the run as an input
/// with no record. A lone object is a log's record when it says where it stands, by a step
/// or a time (an LLMPerf summary's `timestamp`), or names a rank; else when it has an epoch
/// (a log written one file an epoch) and is no run's closing totals: Hugging Face's
/// `*_results.json` hold an epoch and a `<split>_runtime`. A W&B run summary (its `_wandb`
/// member) repeats the history's last values. An object of more fields than the run's field
/// table holds (`--max-fields`) is a table, not a record, whatever its keys: a tokenizer's
/// vocabulary maps tokens such as `step` and `epoch` to ids. The caller reads a file named
/// as a log
/// (`.jsonl`, a rank in its name) whatever it holds: one line is what a rank that crashed
/// early leaves.
///
/// The object is read as the run would read it, but into a table of its own, so that its
/// names take no room in the run's. A runlens `summary.json` is told apart too: it is an
/// analysis's result, never a log, wherever it is found.
// TODO(#2): a log written one file an epoch whose objects carry an evaluation's run time
// (`eval_runtime`) is skipped as closing totals, as `eval_results.json` is; the content alone
// cannot tell them apart: several objects of one shape in one folder (a series) would.
struct LoneObjectProbe: JSONDocumentVisitor {
    /// What a lone object is to a run.
    enum Finding: Equatable {
        /// A record, or not one lone object at all: read it as usual.
        case log
        /// A configuration or summary, not a log, for the reason given.
        case notALog(String)
        /// The `summary.json` of a runlens analysis (`"tool": "runlens"` and a schema).
        case runlensSummary
    }

    private var builder: RecordBuilder
    private var isRunTotal = false
    private var isWandbSummary = false
    private var namesRunlens = false
    private var hasSchema = false
    private var entries = 0

    private init(matcher: RoleMatcher) {
        builder = RecordBuilder(fields: FieldTable(matcher: matcher))
    }

    /// What `document`, the whole content of a file, is: ``Finding/log`` when it is not one
    /// valid JSON object or the object has a place in a run; `maxFields` is the most names
    /// a run's field table holds.
    static func examine(
        _ document: UnsafeRawBufferPointer, matcher: RoleMatcher, maxFields: Int
    ) -> Finding {
        var probe = LoneObjectProbe(matcher: matcher)
        var reader = JSONDocumentReader(keptFailures: 1)
        let result = reader.read(document, visitor: &probe)
        guard result.shape == .singleObject, result.failure == nil, probe.entries == 1 else {
            return .log
        }
        if probe.namesRunlens, probe.hasSchema { return .runlensSummary }
        if probe.isWandbSummary {
            return .notALog("a W&B run summary (_wandb): the history's last values, not a log")
        }
        let record = probe.builder.record
        if record.leafCount > maxFields {
            return .notALog(
                "one JSON object of \(record.leafCount) fields, more than a record holds "
                    + "(--max-fields \(maxFields)): a vocabulary or table, not a log")
        }
        if record.step != nil || record.time != nil || record.rank != nil { return .log }
        if probe.isRunTotal {
            return .notALog("one JSON object of a run's closing totals (a *_runtime), not a log")
        }
        guard record.epoch == nil else { return .log }
        return .notALog(
            "one JSON object with no step, epoch or time: a configuration or summary, not a log")
    }

    mutating func beginEntry(_ entry: JSONDocumentEntry, line: Int) {
        entries += 1
        builder.begin()
    }

    mutating func endEntry() {}

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        if Self.isRuntime(key) { isRunTotal = true }
        if key.starts(with: "_wandb/".utf8) { isWandbSummary = true }
        if key.elementsEqual("schema".utf8) { hasSchema = true }
        builder.visitNumber(key: key, index: index, value: value)
    }

    /// `train_runtime`, `eval_runtime`: a split's total run time, as Hugging Face's
    /// `save_metrics` writes it (W&B's own `_runtime` is a history column).
    private static func isRuntime(_ key: UnsafeRawBufferPointer) -> Bool {
        let suffix = "_runtime".utf8
        return key.count > suffix.count && key.suffix(suffix.count).elementsEqual(suffix)
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        if key.elementsEqual("tool".utf8), value.elementsEqual("runlens".utf8) {
            namesRunlens = true
        }
        builder.visitString(key: key, value: value)
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        builder.visitBool(key: key, value: value)
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        builder.visitNull(key: key)
    }
}
