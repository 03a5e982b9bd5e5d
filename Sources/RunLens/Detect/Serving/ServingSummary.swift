/// One window of requests.
public struct ServingWindow: Codable, Sendable, Equatable {
    /// Bounds: epoch seconds (or seconds from the log's origin) for time windows, first and
    /// last request number for request windows.
    public var start: Double
    public var end: Double
    /// The requests in it.
    public var stats: ServingStats
}

/// The requests of one model version, for A/B comparison.
public struct VersionSummary: Codable, Sendable, Equatable {
    /// The version as logged; `(none)` for requests without one, `other` past the cap.
    public var version: String
    /// Its whole-log statistics.
    public var overall: ServingStats
    /// Its windows.
    public var windows: [ServingWindow]
}

/// How much of the error budget the log used.
public struct ErrorBudget: Codable, Sendable, Equatable {
    /// The availability objective, e.g. 0.999.
    public var availabilityTarget: Double
    /// The share of requests allowed to fail: `1 − availabilityTarget`.
    public var budgetFraction: Double
    /// Requests in the log.
    public var requests: Int
    /// Failed requests.
    public var failed: Int
    /// False when no request's record says how it ended: then nothing is consumed or left.
    public var outcomesLogged: Bool

    /// Failed requests over the failures the budget allows for this many requests:
    /// 1 means the log used exactly its budget; `nil` without requests or outcomes.
    public var consumed: Double? {
        guard requests > 0, budgetFraction > 0, outcomesLogged else { return nil }
        return Double(failed) / (budgetFraction * Double(requests))
    }

    enum CodingKeys: String, CodingKey {
        case availabilityTarget, budgetFraction, requests, failed, outcomesLogged, consumed
    }

    /// Creates a budget account.
    public init(
        availabilityTarget: Double, requests: Int, failed: Int, outcomesLogged: Bool = true
    ) {
        self.availabilityTarget = availabilityTarget
        budgetFraction = 1 - availabilityTarget
        self.requests = requests
        self.failed = failed
        self.outcomesLogged = outcomesLogged
    }

    /// Reads an account; `consumed` is derived, so it is not read back.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        availabilityTarget = try keyed.decode(Double.self, forKey: .availabilityTarget)
        budgetFraction = try keyed.decode(Double.self, forKey: .budgetFraction)
        requests = try keyed.decode(Int.self, forKey: .requests)
        failed = try keyed.decode(Int.self, forKey: .failed)
        outcomesLogged = try keyed.decodeIfPresent(Bool.self, forKey: .outcomesLogged) ?? true
    }

    /// Writes the account with `consumed`, for readers of `summary.json`.
    public func encode(to encoder: Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(availabilityTarget, forKey: .availabilityTarget)
        try keyed.encode(budgetFraction, forKey: .budgetFraction)
        try keyed.encode(requests, forKey: .requests)
        try keyed.encode(failed, forKey: .failed)
        try keyed.encode(outcomesLogged, forKey: .outcomesLogged)
        try keyed.encodeIfPresent(consumed, forKey: .consumed)
    }
}

/// Everything the serving statistics found, for the report and `summary.json`.
public struct ServingSummary: Codable, Sendable, Equatable {
    /// Time windows, or windows of consecutive requests for untimed logs.
    public var axis: WindowAxis
    /// The window width: seconds for time windows, requests for request windows.
    public var windowWidth: Double
    /// True when times are offsets from the log's own origin.
    public var timeIsRelative: Bool
    /// The first and last request time, when timed.
    public var firstTime: Double?
    public var lastTime: Double?
    /// The whole log.
    public var overall: ServingStats
    /// The windows in order.
    public var windows: [ServingWindow]
    /// One entry per model version when the log has more than one; else empty.
    public var versions: [VersionSummary]
    /// The error budget the log used.
    public var budget: ErrorBudget
    /// The latency targets judged, for the report.
    public var targets: [String: Double]
    /// Things a reader should know: no timestamps, sampled quantiles, untimed requests.
    public var notes: [String]
}
