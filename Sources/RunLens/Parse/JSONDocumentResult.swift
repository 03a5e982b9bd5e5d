/// The shape of a JSON document, as `JSONDocumentReader` recognised it.
public enum JSONDocumentShape: Sendable, Equatable {
    /// Nothing but whitespace (and perhaps a byte order mark).
    case empty
    /// A top-level array whose elements are records (LLMPerf per-request results, Chainer's
    /// `log`).
    case recordArray
    /// A top-level object with a `log_history` array of records: Hugging Face
    /// `trainer_state.json`.
    case trainerState
    /// Any other top-level object: one record (an LLMPerf summary).
    case singleObject
    /// A top-level string, number or literal: not a log.
    case unrecognized
}

/// Where and why a JSON document stopped being valid.
public struct JSONDocumentFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// A short lowercase phrase for people, such as `unterminated string`.
    public var reason: String
    /// The 1-based physical line of the problem.
    public var line: Int
    /// The 1-based byte column of the problem within its line.
    public var column: Int

    /// Creates a failure.
    public init(reason: String, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// `line L, column C: reason`.
    public var description: String {
        "line \(line), column \(column): \(reason)"
    }
}

/// What `JSONDocumentReader.read` found in a document.
public struct JSONDocumentResult: Equatable, Sendable {
    /// The document's shape; decided by its first value even when it later fails.
    public var shape: JSONDocumentShape
    /// How many records were delivered (the metadata entry is not counted).
    public var records: Int
    /// Elements of the record array that are not objects (`null`, numbers, arrays), or not
    /// valid JSON but with an end that could be found: counted and passed over, never
    /// delivered.
    public var passedOverEntries: Int
    /// Why the first few of the `passedOverEntries` failed, in document order.
    public var passedOver: [JSONDocumentFailure]
    /// Set where reading stopped: the document is not valid JSON past what could be passed
    /// over, or not an object or array. Records before the failure have been delivered;
    /// metadata and a lone object only are when valid.
    public var failure: JSONDocumentFailure?
    /// Set when reading stopped at `failure` inside a record array or trainer state, with
    /// text after it that was not read (not merely a document cut short).
    public var restUnread: Bool

    /// Creates a result.
    public init(
        shape: JSONDocumentShape, records: Int = 0,
        passedOver: [JSONDocumentFailure] = [], failure: JSONDocumentFailure? = nil,
        restUnread: Bool = false
    ) {
        self.shape = shape
        self.records = records
        self.passedOverEntries = passedOver.count
        self.passedOver = passedOver
        self.failure = failure
        self.restUnread = restUnread
    }

    /// Every entry read: records and passed-over ones, what a document counts as its lines.
    public var entries: Int {
        records + passedOverEntries
    }
}
