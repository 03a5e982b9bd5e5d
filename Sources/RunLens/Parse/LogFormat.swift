/// The kind of log a file holds, as recognised from its first bytes.
public enum LogFormat: Equatable, Hashable, Sendable {
    /// One JSON object per line (W&B history, detectron2 `metrics.json`, DETR `log.txt`).
    case jsonLines
    /// One JSON document, usually pretty-printed (`trainer_state.json`, LLMPerf results).
    case jsonDocument
    /// CSV with a header row, fields separated by `delimiter` (`,`, tab or `;`).
    case csv(delimiter: UInt8)
    /// An MLflow file-store metric file: `<timestamp-ms> <value> <step>` lines.
    case mlflowMetric
    /// Text that is none of the above, such as a printed training log.
    case text
    /// Bytes that are not text.
    case binary
}
