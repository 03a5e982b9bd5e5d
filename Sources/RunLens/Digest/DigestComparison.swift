/// What changed against an earlier digest: failing runs, runs that got better or worse, and
/// incident kinds that hit more or fewer runs.
///
/// Runs are matched by name. A run got **worse** when its status rose (`ok` < `info` <
/// `warning` < `error` < `critical`), its final train or validation loss rose by 10% or more
/// (or became NaN), its throughput fell by 10% or more, its latency p95 or p99 rose by 10%
/// or more, or its error rate rose by a percentage point or more; **better** for the
/// opposite moves. A **new failure** is a run at `error` or `critical` that was not failing
/// in the earlier digest (or was not in it). Runs only one digest holds are listed as new or
/// gone.
///
/// A run that failed before and passes now is **fixed** only when it was judged again by the
/// detectors that failed it: one whose settings now turn such a detector off is **not
/// checked**. No status is counted as better when a detector turned off now had raised the
/// earlier one above the status now: the run may only have been left unjudged.
public struct DigestComparison: Codable, Sendable, Equatable {
    /// One run that moved, and how.
    public struct RunChange: Codable, Sendable, Equatable {
        /// The run.
        public var name: String
        /// What moved, one phrase each: `status ok → critical`, `throughput 1200 → 900 (-25%)`.
        public var changes: [String]
    }

    /// A run that failed before and passes now with a detector that failed it turned off.
    public struct NotChecked: Codable, Sendable, Equatable {
        /// The run.
        public var name: String
        /// The detectors that failed it before and are turned off now, by id.
        public var detectors: [String]
    }

    /// One incident kind that hit a different number of runs (``DigestRun/isHit(by:)``).
    public struct KindChange: Codable, Sendable, Equatable {
        /// The detector id.
        public var detector: String
        /// Runs hit in the earlier digest and in this one.
        public var before: Int
        public var now: Int
        /// Runs in this digest whose settings turn the detector off, so that it could not hit
        /// them; absent when none does.
        public var turnedOff: Int? = nil
    }

    /// Runs in the earlier digest.
    public var previousRuns: Int
    /// Failing runs (`error` or `critical`) in the earlier digest and in this one.
    public var previousFailed: Int
    public var failed: Int
    /// Runs failing now that were not failing (or not present) before.
    public var newFailures: [String]
    /// Runs present in both that failed before and do not now, judged again by the detectors
    /// that failed them.
    public var fixed: [String]
    /// Runs present in both that failed before and do not now because a detector that failed
    /// them is turned off (absent in digests written before it was told, and when none is).
    public var notChecked: [NotChecked]?
    /// Runs in this digest that the earlier one did not hold, and runs it held that this one
    /// does not (absent in digests written before they were told).
    public var newRuns: [String]?
    public var goneRuns: [String]?
    /// Runs present in both that got worse, or better.
    public var worse: [RunChange]
    public var better: [RunChange]
    /// Kinds that hit more runs now, and fewer.
    public var worseKinds: [KindChange]
    public var betterKinds: [KindChange]

    /// Compares `runs` with `previous`.
    public init(runs: [DigestRun], previous: [DigestRun]) {
        var before: [String: DigestRun] = [:]
        for run in previous where before[run.name] == nil { before[run.name] = run }
        previousRuns = previous.count
        previousFailed = previous.filter(\.status.failed).count
        failed = runs.filter(\.status.failed).count
        newFailures = runs.filter { run in
            run.status.failed && !(before[run.name]?.status.failed ?? false)
        }.map(\.name)
        var fixed: [String] = []
        var notChecked: [NotChecked] = []
        for run in runs where !run.status.failed && run.status != .unreadable {
            guard let earlier = before[run.name], earlier.status.failed else { continue }
            let off = Self.turnedOff(run, failing: earlier)
            if off.isEmpty {
                fixed.append(run.name)
            } else {
                notChecked.append(NotChecked(name: run.name, detectors: off))
            }
        }
        self.fixed = fixed
        self.notChecked = notChecked.isEmpty ? nil : notChecked

        let namesNow = Set(runs.map(\.name))
        newRuns = runs.map(\.name).filter { before[$0] == nil }
        goneRuns = Self.unique(previous.map(\.name)).filter { !namesNow.contains($0) }

        worse = []
        better = []
        for run in runs {
            guard let earlier = before[run.name] else { continue }
            let moves = RunMoves(
                now: run, before: earlier, statusJudged: !Self.fellUnjudged(run, from: earlier))
            if !moves.worse.isEmpty {
                worse.append(RunChange(name: run.name, changes: moves.worse))
            }
            if !moves.better.isEmpty {
                better.append(RunChange(name: run.name, changes: moves.better))
            }
        }

        let kindsNow = Self.runsHit(runs)
        let kindsBefore = Self.runsHit(previous)
        let changes = Set(kindsNow.keys).union(kindsBefore.keys).sorted().map { kind in
            let off = runs.filter { $0.disabled?.contains(kind) ?? false }.count
            return KindChange(
                detector: kind, before: kindsBefore[kind] ?? 0, now: kindsNow[kind] ?? 0,
                turnedOff: off > 0 ? off : nil)
        }
        worseKinds = Self.byChange(changes.filter { $0.now > $0.before })
        betterKinds = Self.byChange(changes.filter { $0.now < $0.before })
    }

    /// The detectors that failed `earlier` (an incident of theirs at `error` or above; for a
    /// run read back from `digest.csv`, any of its kinds, since which one failed it cannot be
    /// told) that `run`'s settings turn off.
    private static func turnedOff(_ run: DigestRun, failing earlier: DigestRun) -> [String] {
        let off = Set(run.disabled ?? [])
        return earlier.kinds.keys.sorted().filter { kind in
            guard off.contains(kind) else { return false }
            let worst = earlier.worstByKind[kind] ?? earlier.status.severity
            return worst.map { $0 >= .error } ?? false
        }
    }

    /// Whether `run`'s status is below `earlier`'s while a detector that `run`'s settings turn
    /// off had an incident in `earlier` above that status (any of its kinds for a run read back
    /// from `digest.csv`): the drop may be that detector's silence, not a better run.
    private static func fellUnjudged(_ run: DigestRun, from earlier: DigestRun) -> Bool {
        guard let level = run.status.level, let before = earlier.status.level, level < before
        else { return false }
        let off = Set(run.disabled ?? [])
        return earlier.kinds.keys.contains { kind in
            guard off.contains(kind) else { return false }
            let worst = earlier.worstByKind[kind] ?? earlier.status.severity
            return (DigestRun.Status(worst: worst).level ?? 0) > level
        }
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    private static func runsHit(_ runs: [DigestRun]) -> [String: Int] {
        var hits: [String: Int] = [:]
        for run in runs {
            for kind in run.hitKinds { hits[kind, default: 0] += 1 }
        }
        return hits
    }

    private static func byChange(_ changes: [KindChange]) -> [KindChange] {
        changes.sorted { left, right in
            let leftSize = abs(left.now - left.before)
            let rightSize = abs(right.now - right.before)
            if leftSize != rightSize { return leftSize > rightSize }
            return left.detector < right.detector
        }
    }
}
