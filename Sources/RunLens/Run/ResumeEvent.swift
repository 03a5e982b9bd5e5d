/// A step counter that went back and ran on: a resume from a checkpoint.
public struct ResumeEvent: Sendable, Codable, Equatable {
    /// The file, as given in the inputs.
    public var file: String
    /// The 1-based line of the first record after the rewind.
    public var line: Int
    /// The rank, when the log has ranks.
    public var rank: Int?
    /// The last step before the rewind.
    public var fromStep: Double
    /// The first step after it.
    public var toStep: Double
    /// The last step logged before `toStep` in the first pass: training resumed after it.
    public var checkpointStep: Double?
    /// Seconds between the last record before the rewind and the first after, if timed
    /// and not negative (a clock that restarted with the job says nothing of the gap).
    public var gapSeconds: Double?
    /// Training metrics whose replaced points held non-finite values, earliest first: often
    /// why the run was restarted. Absent when there were none.
    public var replacedNonFinite: [ReplacedNonFinite]?
    /// The highest training step the new pass reached, when it stopped short of `fromStep`
    /// (the log ended, or the run went back again): the replay ended there. Absent when the
    /// new pass ran past `fromStep`.
    public var replayedThrough: Double?
    /// Series whose replaced points from `toStep` on had already been made final: the
    /// resume went back further than the points held back, so those points stay in the data
    /// the detectors see. Absent when none.
    public var keptFinal: Int?
    /// True when the step went back to (or before) the first training step the stream
    /// logged: a new run started from scratch in the same log, not a resume from a
    /// checkpoint. Its steps still supersede the earlier pass's. Absent otherwise.
    public var fromScratch: Bool?
    /// Replayed records identical to the first pass's (seeded training, an untimed log),
    /// which were dropped as records written twice until the replay was recognised. Absent
    /// when there were none.
    public var identicalRecords: Int?

    /// The warning a restart from scratch gives its file; nil for a resume.
    public var restartWarning: String? {
        guard fromScratch == true else { return nil }
        return "restarted from scratch at line \(line): step went back from "
            + "\(NumberFormat.short(fromStep)) to \(NumberFormat.short(toStep)), the first "
            + "step logged, so this is a new run in the same file, not a resume; the new run's "
            + "steps supersede the earlier run's in the statistics: analyze the sessions "
            + "separately"
    }

    /// Training steps done twice: from the checkpoint (or the new step) to `fromStep`, or to
    /// where the new pass stopped if that came first.
    public var stepsRedone: Double {
        (replayedThrough ?? fromStep) - (checkpointStep ?? (toStep - 1))
    }
}

/// Non-finite values of one metric among the points a resume replaced.
public struct ReplacedNonFinite: Sendable, Codable, Equatable {
    /// The metric's name.
    public var metric: String
    /// How many values were NaN or infinite.
    public var count: Int
    /// The step of the first of them.
    public var firstStep: Double
}

/// A record with no metrics that announces something: a checkpoint, a restart, an OOM.
public struct RunEvent: Sendable, Codable, Equatable {
    /// The file, as given in the inputs.
    public var file: String
    /// Its 1-based line.
    public var line: Int
    /// The step, when the record had one (or the last step seen before it).
    public var step: Double?
    /// The time, when the record had one.
    public var time: Double?
    /// The text, shortened to 200 bytes.
    public var text: String
}
