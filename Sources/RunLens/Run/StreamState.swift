/// What the assembler remembers about one stream of records: one file, one rank.
///
/// It recognises records written twice (by two processes sharing a file), evaluation
/// records stamped with an earlier step, per-epoch iteration counters, and resumes.
struct StreamState {
    /// The highest step of a training record so far.
    var lastTrainStep = -Double.infinity
    /// The highest step of any record since the last resume (evaluations and records with
    /// only a step included): where a rewind went back from.
    var highestStep = -Double.infinity
    /// True once a record with training metrics came; only then are others evaluations.
    var sawTraining = false
    /// Records with metrics so far: the position of records with neither step nor time.
    var records = 0
    /// The time of the last record, when records are timed.
    var lastTime = Double.nan
    /// The latest time of any record so far, when records are timed.
    var latestTime = Double.nan
    /// The smallest rise from one training step to the next so far.
    var closestSpacing = Double.infinity
    /// Steps of recent training records, oldest first, to find a resume's checkpoint.
    var recentSteps = RecentSteps(capacity: 4096)
    /// Hashes of recent records, to drop exact duplicates.
    let recentHashes = RecentHashes(capacity: 256)
    /// The lowest and highest step of its records with metrics, resumes included.
    var lowestStep = Double.infinity
    var topStep = -Double.infinity
    /// The lowest step of its training records: a run that goes back to it starts over.
    var firstTrainStep = Double.infinity
    /// The stream of the rank's earlier file that this file's first training record may
    /// resume, while the file's records before it were of other kinds; else -1.
    var mayResume = -1
    /// The index of this stream's latest resume in the run overview, or -1: its replay is
    /// measured when the pass it began ends.
    var openResume = -1
    /// Series this stream has fed, so a resume can supersede their replayed points.
    var series: Set<Int> = []
    /// Series index by field id, for values with no device (the common case).
    var seriesByField: [Int] = []

    /// A run of duplicates that may be a replay repeating the first pass exactly.
    var replay = ReplayWatch()

    /// Global steps for logs whose `iter` restarts each epoch (MMCV).
    var epochSteps = EpochSteps()

    /// Remembers that values of `field` without a device go to series `index`.
    mutating func cache(series index: Int, field: Int) {
        if field >= seriesByField.count {
            seriesByField += Array(repeating: -1, count: field + 1 - seriesByField.count)
        }
        seriesByField[field] = index
    }

    /// Notes the rise from the last training step to `step`, not below it.
    @inline(__always)
    mutating func noteSpacing(to step: Double) {
        let rise = step - lastTrainStep
        if rise > 0, rise < closestSpacing { closestSpacing = rise }
    }

    /// Notes the time of a record with metrics.
    @inline(__always)
    mutating func note(time: Double) {
        lastTime = time
        if !(time <= latestTime) { latestTime = time }
    }

    /// Where a record with neither step nor time goes: at the stream's latest step once it
    /// has steps (a summary or evaluation written between steps belongs there, not at its
    /// count of records), else at its place among the stream's records.
    var unplacedStep: Double {
        placesByCount ? Double(records) : max(lastTrainStep, highestStep)
    }

    /// Whether a record with neither step nor time goes at its place among the records: the
    /// stream has no step yet.
    var placesByCount: Bool {
        !max(lastTrainStep, highestStep).isFinite
    }

    /// Notes that the stream reached `step`.
    mutating func reach(_ step: Double) {
        if step > highestStep { highestStep = step }
    }

    /// The global step of a record whose step came from a per-epoch `iter` counter.
    mutating func globalStep(iter: Double, epoch: Double?) -> Double {
        guard let epoch else { return iter }
        return epochSteps.globalStep(iter: iter, epoch: epoch)
    }

    /// How many of the latest training steps a step that goes back is compared with, to
    /// tell a record written late from a resume; no more than the points held back.
    static let lateReach = 512

    /// Whether a training record at `step`, below the last training step, was written late
    /// (a log whose writer put records slightly out of order) rather than replayed after a
    /// resume. Its step must be none of the latest `lateReach` training steps. Below all of
    /// them it is late only while fewer have been seen (no point is final yet: the start of
    /// a shuffled log), and by no more than `lateReach` steps. Among them, a record on a
    /// clock that does not restart is late when its time is no later than the latest so far
    /// (a resume comes after a restart, later on the clock); an untimed one when it fills a
    /// hole among them wider than the closest spacing of steps so far (a resume replays
    /// steps at the log's spacing, whether or not they were seen).
    func isLate(step: Double, time: Double?, relative: Bool) -> Bool {
        let clocked = time != nil && !relative && latestTime.isFinite
        if clocked, let time, time > latestTime { return false }
        let near = recentSteps.neighbours(of: step, among: Self.lateReach)
        guard near.count > 0, !near.holdsStep else { return false }
        if step < near.lowest {
            return near.count < Self.lateReach && near.lowest - step <= Double(Self.lateReach)
        }
        return clocked || near.above - near.below > closestSpacing
    }

    /// The highest recent training step below `step`: where a resumed run restarted from.
    func checkpointStep(before step: Double) -> Double? {
        var best: Double?
        // Newest first, so `>=` keeps the oldest of equal steps (0 and -0) as before.
        recentSteps.forEachLatest(recentSteps.capacity) { candidate in
            if candidate < step, best == nil || candidate >= best ?? candidate { best = candidate }
        }
        return best
    }
}

/// What the latest steps of a ``RecentSteps`` say about one step.
struct StepNeighbours {
    /// How many steps were looked at.
    var count = 0
    /// Whether the step is one of them.
    var holdsStep = false
    /// The lowest of them.
    var lowest = Double.infinity
    /// The highest below the step, and the lowest above it.
    var below = -Double.infinity
    var above = Double.infinity
}

extension RecentSteps {
    /// What the last `limit` steps appended (or all, when fewer) say about `step`, in one
    /// pass without allocating.
    func neighbours(of step: Double, among limit: Int) -> StepNeighbours {
        var near = StepNeighbours()
        forEachLatest(limit) { other in
            near.count += 1
            if other == step { near.holdsStep = true }
            if other < near.lowest { near.lowest = other }
            if other < step, other > near.below { near.below = other }
            if other > step, other < near.above { near.above = other }
        }
        return near
    }
}
