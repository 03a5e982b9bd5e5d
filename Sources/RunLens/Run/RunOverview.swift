/// The shape of a run: steps, time span, ranks, devices, resumes and events.
public struct RunOverview: Sendable, Codable, Equatable {
    /// The lowest and highest training step seen, if any.
    public var firstStep: Double?
    public var lastStep: Double?
    /// The earliest and latest time seen (epoch seconds unless `timeIsRelative`).
    public var firstTime: Double?
    public var lastTime: Double?
    /// True when the log's times are offsets from its own origin, not wall-clock epochs.
    public var timeIsRelative = false
    /// Ranks seen, ascending.
    public var ranks: [Int] = []
    /// Devices seen, ascending.
    public var devices: [Int] = []
    /// The ranks read from each node's folder, when the files lie in the folders of several
    /// nodes or hosts; absent otherwise.
    public var nodes: [NodeRanks]?
    /// Resumes from checkpoints, in the order found.
    public var resumes: [ResumeEvent] = []
    /// Event records, in the order found (at most `maxEvents`).
    public var events: [RunEvent] = []
    /// Records dropped because an identical record was written just before.
    public var duplicates = 0
    /// Evaluation records stamped with a step before training began (step 0 between training
    /// records), placed at the last training step.
    public var restampedEvaluations = 0
    /// Records that are requests (latency, TTFT, tokens or an outcome).
    public var requests = 0
    /// Requests whose outcome was an error.
    public var failedRequests = 0
    /// Requests whose record says nothing of how they ended (no status or error field: an
    /// arrival trace); absent when there were none.
    public var requestsWithoutOutcome: Int?
    /// Latency, TTFT and inter-token values of failed requests dropped because the client
    /// wrote `0` for a measurement it never made (LLMPerf's zero-filled failures).
    public var zeroFilledLatencies = 0
    /// Evaluation records (`mode: val`, or only validation metrics).
    public var evaluations = 0
    /// Series in which a resume reached back past the held-back points, so some replayed
    /// points could not supersede the first pass.
    public var seriesNotSuperseded = 0
    /// Training records that came after records with later steps and were put back in
    /// step order (a log written slightly out of order); absent when there were none.
    public var lateRecords: Int?
    /// Values of late records that came after their series had made a later point final:
    /// they follow it out of step order, as the points of a resume behind the hold-back do;
    /// absent when there were none.
    public var lateValuesBehind: Int?
    /// Values without a step or time that fits a window on their series' axis (none, or one
    /// more than 2^52 window widths from zero), left out of the statistics; absent when
    /// there were none.
    public var valuesOffAxis: Int?
    /// Ranks whose logs stopped well before the run's last step (or time) while the others
    /// went on, in rank order: a hung or crashed worker. Absent when there were none.
    public var ranksEndedEarly: [RankEnd]?

    /// The most events kept.
    public static let maxEvents = 1000

    /// Creates an empty overview.
    public init() {}

    /// Whether any request's record says how it ended: only then are failures counted
    /// rather than unknown.
    public var outcomesLogged: Bool {
        requests > (requestsWithoutOutcome ?? 0)
    }

    /// Counts one more request record without an outcome.
    mutating func noteRequestWithoutOutcome() {
        requestsWithoutOutcome = (requestsWithoutOutcome ?? 0) + 1
    }

    /// Counts one more late record.
    mutating func noteLateRecord() {
        lateRecords = (lateRecords ?? 0) + 1
    }

    /// Counts one more value that came too late to be put in order.
    mutating func noteLateValueBehind() {
        lateValuesBehind = (lateValuesBehind ?? 0) + 1
    }

    mutating func noteStep(_ step: Double) {
        firstStep = min(firstStep ?? step, step)
        lastStep = max(lastStep ?? step, step)
    }

    mutating func noteTime(_ time: Double, relative: Bool) {
        firstTime = min(firstTime ?? time, time)
        lastTime = max(lastTime ?? time, time)
        if relative { timeIsRelative = true }
    }
}
