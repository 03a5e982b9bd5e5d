/// Count, mean, extremes and quantiles of one request metric.
public struct Distribution: Codable, Sendable, Equatable {
    /// Finite values seen.
    public var count: Int
    public var mean: Double
    public var min: Double
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var max: Double
    /// False when the quantiles come from the sketch (relative error ≤ 0.5%).
    public var exact: Bool

    /// Creates a distribution.
    public init(
        count: Int, mean: Double, min: Double, p50: Double, p95: Double, p99: Double,
        max: Double, exact: Bool
    ) {
        self.count = count
        self.mean = mean
        self.min = min
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.max = max
        self.exact = exact
    }

    /// The quantile `q` among those kept (0.5, 0.95, 0.99), else `nil`.
    public func quantile(_ q: Double) -> Double? {
        switch q {
        case 0.5: return p50
        case 0.95: return p95
        case 0.99: return p99
        default: return nil
        }
    }
}

/// How many failed requests had one error type.
public struct ErrorTypeCount: Codable, Sendable, Equatable {
    /// The type as the log named it (`503`, `429`, `-100`, `timeout`).
    public var type: String
    /// Failed requests of this type.
    public var count: Int
    /// Their share of all requests in the same scope.
    public var rate: Double
}

/// Where one request was read, to point at the evidence.
public struct RequestRef: Codable, Sendable, Equatable {
    /// The input's index.
    public var file: Int32
    /// The 1-based line.
    public var line: Int32
    /// The request's time, when the log has one.
    public var time: Double?
    /// Its 1-based position among the requests of the log.
    public var ordinal: Int

    /// True when this request came earlier: by time when both are timed, else by position.
    public func isBefore(_ other: RequestRef) -> Bool {
        if let time, let otherTime = other.time, time != otherTime { return time < otherTime }
        return ordinal < other.ordinal
    }
}

/// Requests slower than one latency target's threshold.
public struct TargetCount: Codable, Sendable, Equatable {
    /// The target's name (`latency_p95`, `ttft_p99`).
    public var target: String
    /// The threshold, ms.
    public var thresholdMs: Double
    /// Successful requests above it.
    public var count: Int
    /// The first and last of them.
    public var first: RequestRef?
    public var last: RequestRef?
}

/// Request statistics of one scope: the whole log, a window, or one model version.
///
/// Latency, TTFT and inter-token figures cover successful requests only: a failed request's
/// latency measures the failure (a fast 503, a zero-filled LLMPerf record), not the service.
public struct ServingStats: Codable, Sendable, Equatable {
    /// Requests of any outcome.
    public var requests = 0
    /// Requests whose outcome was an error.
    public var failed = 0
    /// Requests whose record says nothing about success (counted as successful).
    public var withoutOutcome = 0
    /// Failed requests over all requests, or `nil` without requests or when no request's
    /// record says how it ended (an arrival trace).
    public var errorRate: Double?
    /// Failed requests by type, most frequent first.
    public var errorTypes: [ErrorTypeCount] = []
    /// Requests per second over the scope's duration, when the log is timed.
    public var requestsPerSecond: Double?
    /// Input plus output tokens per second, when timed and tokens are logged.
    public var tokensPerSecond: Double?
    /// Output tokens per second, when timed and tokens are logged.
    public var outputTokensPerSecond: Double?
    /// End-to-end latency of successful requests, ms.
    public var latency: Distribution?
    /// Time to first token of successful requests, ms.
    public var ttft: Distribution?
    /// Inter-token latency of successful requests, ms.
    public var interTokenLatency: Distribution?
    /// Prompt tokens per request (whole log and versions only).
    public var inputTokens: Distribution?
    /// Generated tokens per request (whole log and versions only).
    public var outputTokens: Distribution?
    /// The first and last failed request.
    public var firstError: RequestRef?
    public var lastError: RequestRef?
    /// Requests above each latency target's threshold.
    public var overTarget: [TargetCount] = []

    /// Creates empty statistics.
    public init() {}

    /// True when at least one request's record says how it ended: only then are failures
    /// counted rather than unknown.
    public var outcomesLogged: Bool {
        requests > withoutOutcome
    }

    /// The count above `target`'s threshold, if tracked.
    public func over(_ target: String) -> TargetCount? {
        overTarget.first { $0.target == target }
    }
}
