/// One incident: a detector's consecutive firings on one series, merged.
public struct Incident: Codable, Sendable, Equatable {
    /// How bad it is.
    public var severity: Severity
    /// The detector's stable id (`divergence`, `loss_spike`, ...).
    public var detector: String
    /// The metric as the log named it, when the incident is about one.
    public var metric: String?
    /// The rank, when the incident is about one; for a finding folded across ranks, the
    /// rank whose wording it keeps.
    public var rank: Int?
    /// Every rank that showed the finding, in order, when it was folded from several
    /// ranks' incidents (`nil` otherwise, and in summaries written before it existed).
    public var ranks: [Int]?
    /// The device, when the incident is about one.
    public var device: Int?
    /// First and last step, for step-indexed evidence.
    public var startStep: Double?
    public var endStep: Double?
    /// First and last time (epoch seconds), for timed evidence.
    public var startTime: Double?
    public var endTime: Double?
    /// The worst value seen.
    public var peak: Double?
    /// The threshold the rule compares with.
    public var threshold: Double?
    /// How many firings (points or windows) the incident merges.
    public var count: Int
    /// The rule and the numbers, in one sentence.
    public var message: String
    /// Lines of evidence for the report: values around the incident, the baseline.
    public var evidence: [String]
    /// Where the first firing was read, `file:line`, when known.
    public var location: String?
    /// The line a detector fitted (a memory trend), for the charts; `nil` for most incidents.
    public var trend: TrendLine?
    /// Which of its detector's rules found it, when the detector has several whose peaks and
    /// thresholds are in different units (`own_level`, `cluster_share`); `nil` for a
    /// detector's only rule. Incidents of different rules are never merged into one. Not
    /// written to reports.
    public var rule: String?

    /// Every field but `rule`, which stays in memory.
    private enum CodingKeys: String, CodingKey {
        case severity, detector, metric, rank, ranks, device, startStep, endStep, startTime
        case endTime, peak, threshold, count, message, evidence, location, trend
    }

    /// Creates an incident.
    public init(
        severity: Severity, detector: String, metric: String? = nil, rank: Int? = nil,
        device: Int? = nil, startStep: Double? = nil, endStep: Double? = nil,
        startTime: Double? = nil, endTime: Double? = nil, peak: Double? = nil,
        threshold: Double? = nil, count: Int = 1, message: String, evidence: [String] = [],
        location: String? = nil
    ) {
        self.severity = severity
        self.detector = detector
        self.metric = metric
        self.rank = rank
        self.device = device
        self.startStep = startStep
        self.endStep = endStep
        self.startTime = startTime
        self.endTime = endTime
        self.peak = peak
        self.threshold = threshold
        self.count = count
        self.message = message
        self.evidence = evidence
        self.location = location
    }
}
