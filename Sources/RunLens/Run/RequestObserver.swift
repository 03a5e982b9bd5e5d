/// One request record as the assembler keeps it: where it sits, how it ended, and its
/// latencies and token counts in canonical units.
///
/// Series points are held back (so a resume can supersede them) and carry neither the
/// outcome nor the model version; a request observer needs all three together, so the
/// assembler hands them over in one value when it keeps the record.
public struct RequestSample: Sendable, Equatable {
    /// Epoch seconds (or seconds from the log's origin when `timeIsRelative`), or `nil`.
    public var time: Double?
    /// True when `time` is an offset from an unknown origin.
    public var timeIsRelative: Bool
    /// The record's step, if it had one.
    public var step: Double?
    /// How the request ended.
    public var outcome: Outcome
    /// The model version the record names, if any.
    public var version: String?
    /// The index of the file in the analysis's input list.
    public var file: Int32
    /// The 1-based line of the record in its file.
    public var line: Int32
    /// End-to-end latency in milliseconds, or `NaN` when the record has none.
    public var latencyMs: Double
    /// Time to first token in milliseconds, or `NaN`.
    public var ttftMs: Double
    /// Inter-token latency in milliseconds, or `NaN`.
    public var interTokenMs: Double
    /// Prompt tokens, or `NaN`.
    public var inputTokens: Double
    /// Generated tokens, or `NaN`.
    public var outputTokens: Double
    /// The latencies whose field names state no unit: taken as milliseconds here, until the
    /// serving monitor has seen enough values to tell.
    public var unstatedUnits: LatencyKinds = []

    /// Creates a sample; metrics the record lacks stay `NaN`.
    public init(
        time: Double?, timeIsRelative: Bool = false, step: Double? = nil, outcome: Outcome,
        version: String? = nil, file: Int32 = 0, line: Int32 = 0, latencyMs: Double = .nan,
        ttftMs: Double = .nan, interTokenMs: Double = .nan, inputTokens: Double = .nan,
        outputTokens: Double = .nan
    ) {
        self.time = time
        self.timeIsRelative = timeIsRelative
        self.step = step
        self.outcome = outcome
        self.version = version
        self.file = file
        self.line = line
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.interTokenMs = interTokenMs
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    /// True when the outcome is an error.
    public var failed: Bool {
        if case .error = outcome { return true }
        return false
    }
}

/// Receives every kept request record once, in the order the assembler keeps them.
///
/// A record is a request when it has an outcome, a latency, a TTFT or a token count.
/// Duplicates are dropped before observers see them.
public protocol RequestObserver: AnyObject {
    /// One request.
    func observeRequest(_ request: RequestSample)
}

/// A set of a request's latencies: end-to-end, time to first token, inter-token.
public struct LatencyKinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    /// Creates a set from its bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// End-to-end latency.
    public static let latency = LatencyKinds(rawValue: 1)
    /// Time to first token.
    public static let ttft = LatencyKinds(rawValue: 2)
    /// Inter-token latency.
    public static let interToken = LatencyKinds(rawValue: 4)
}
