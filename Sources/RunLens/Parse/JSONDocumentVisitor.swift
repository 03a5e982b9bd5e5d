/// What a group of leaves delivered by `JSONDocumentReader` stands for.
public enum JSONDocumentEntry: Sendable, Equatable {
    /// One record: an element of a record array or of `log_history`, or a lone object.
    case record
    /// The run metadata of a `trainer_state.json`: its top-level leaves other than
    /// `log_history` (`global_step`, `best_metric`, ...), delivered once, after the records.
    case metadata
}

/// Receives the records of a whole JSON document, each framed by `beginEntry`/`endEntry`.
///
/// Between the two calls come the entry's leaves, flattened exactly as `JSONScanner`
/// delivers those of a line. An entry is delivered only once it is known to be valid.
public protocol JSONDocumentVisitor: FieldVisitor {
    /// Starts an entry.
    ///
    /// - Parameter line: the 1-based physical line of the entry's opening `{`.
    mutating func beginEntry(_ entry: JSONDocumentEntry, line: Int)

    /// Ends the entry begun last.
    mutating func endEntry()
}
