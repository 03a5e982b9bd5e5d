/// Watches a stream for a resume whose replay is identical to the first pass: seeded
/// training written to an untimed log writes the same records again, so each replayed
/// record is dropped as a duplicate and the step never seems to go back.
///
/// Two processes sharing a file also write identical records, each step twice, back and
/// forth. A replay differs in that its run of duplicates climbs, without a break, from the
/// step it went back to up to the first pass's last step, and the log then goes on past it
/// with records nobody writes again. So a run of duplicates that began by going back is
/// held here (a few numbers per stream); it is a replay when the next record after it is
/// new and steps back (a replay identical only up to some step: the resume went back to
/// the run's first step), or when records past the first pass's end follow it, more of
/// them than the run had, with no duplicate among them (after a restart event, the first
/// suffices). Anything else ends the watch.
struct ReplayWatch {
    /// Where a run of duplicates began: the first replayed step and its record.
    struct Start {
        var step: Double
        var line: Int
        var file: Int32
        var rank: Int?
        /// The last training step before it: where the first pass stopped.
        var fromStep: Double
    }

    /// The run being watched; nil when there is none.
    private(set) var start: Start?
    /// The step of the run's latest duplicate.
    private var last = -Double.infinity
    /// Duplicates in the run.
    private(set) var count = 0
    /// New records past the first pass's end since the run reached it.
    private var fresh = 0
    /// The stream's count of records with metrics when an event announced a restart, or -1.
    private var restartAt = -1
    /// Whether the run followed such an event, with no record with metrics between.
    private var announced = false

    /// Whether a run is being watched: the test made for every new record.
    var isWatching: Bool {
        @inline(__always) get { start != nil }
    }

    /// Notes an event record, after `records` records with metrics: one whose text names a
    /// restart or resume announces a replay.
    mutating func noteEvent(_ text: String, records: Int) {
        let lower = text.lowercased()
        let restart = lower.contains("restart") || lower.contains("resum")
        restartAt = restart ? records : -1
    }

    /// Notes a duplicate at `step` of a training record (`training`) or another record of
    /// the stream at `position`, after `records` records with metrics.
    mutating func noteDuplicate(
        step: Double, training: Bool, records: Int, position: Start
    ) {
        if let start, fresh == 0, step >= last, step <= start.fromStep {
            last = step
            count += 1
            return
        }
        let restart = restartAt == records
        self = ReplayWatch()
        guard training, step < position.fromStep else { return }
        start = position
        last = step
        count = 1
        announced = restart
    }

    /// The run a new record at `step` continues by going back (a resume found at that
    /// record), or nil; the watch ends either way.
    mutating func takeRun(resumingAt step: Double) -> ReplayWatch? {
        defer { self = ReplayWatch() }
        guard start != nil, fresh == 0, step > last else { return nil }
        return self
    }

    /// Notes a new record at `step` that did not go back; returns the run when this makes
    /// it a replay, and ends the watch unless the record went on past the first pass.
    mutating func noteNew(step: Double) -> ReplayWatch? {
        guard let start else { return nil }
        guard step > start.fromStep, fresh > 0 || last == start.fromStep else {
            self = ReplayWatch()
            return nil
        }
        fresh += 1
        guard announced || fresh > count else { return nil }
        defer { self = ReplayWatch() }
        return self
    }

    /// The run, ended, when records past the first pass's end followed it and no duplicate
    /// came since: at the end of the stream, or before a resume. Else the watch goes on.
    mutating func takeEnded() -> ReplayWatch? {
        guard fresh > 0 else { return nil }
        defer { self = ReplayWatch() }
        return self
    }
}
