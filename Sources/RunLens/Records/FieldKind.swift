/// What a flattened field name is for, decided once per distinct name.
public enum FieldKind: Equatable, Sendable {
    /// The training step (`step`, `iteration`, ...); `priority` orders competing names.
    case step(priority: Int)
    /// An epoch counter: the step only when a log has nothing finer.
    case epoch
    /// A wall-clock timestamp (`timestamp`, `_timestamp`, `ts`, ...); `priority` as above.
    case time(priority: Int)
    /// A field that is a timestamp when it holds an epoch value, else a step duration.
    case timeOrDuration
    /// The process rank.
    case rank(priority: Int)
    /// The device index.
    case device
    /// A text field that names the record's mode (`mode: "val"` in MMCV logs).
    case mode
    /// An event or message text (`event`, `message`, `level`).
    case event
    /// A request outcome (`status`, `error`, `error_type`, `error_code`).
    case outcome
    /// A model or checkpoint version.
    case version
    /// Bookkeeping that is neither a metric nor a position (`_runtime`, `eta_seconds`).
    case ignored
    /// A metric, with its role where the name has one.
    case metric(MetricRole?)
}
