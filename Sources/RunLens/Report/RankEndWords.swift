/// The sentence that says a rank's log stopped early, for the report and the verdict.
public enum RankEndWords {
    /// The name under which `junit.xml` and annotations tell of ranks that stopped early,
    /// as the setting `fleet.ranks_ended_early` is named.
    public static let caseName = "ranks_ended_early"

    /// A sentence for each rank of `run` that stopped logging early, in rank order.
    public static func sentences(in run: RunOverview) -> [String] {
        (run.ranksEndedEarly ?? []).map { sentence($0, in: run) }
    }

    /// `rank 2 stopped logging at step 500 (2026-…Z); the run went on to step 1000 (2026-…Z)
    /// without it: a hung or crashed worker?`
    public static func sentence(_ end: RankEnd, in run: RunOverview) -> String {
        let stopped = position(step: end.lastStep, time: end.lastTime, run: run)
        let last = position(
            step: end.lastStep == nil ? nil : run.lastStep, time: run.lastTime, run: run)
        return "rank \(end.rank) stopped logging at \(stopped); the run went on to \(last)"
            + " without it: a hung or crashed worker?"
    }

    /// `step 500 (2026-…Z)`, `step 500`, or a time alone.
    private static func position(step: Double?, time: Double?, run: RunOverview) -> String {
        let clock = time.map { time in
            run.timeIsRelative
                ? "\(TimeFormat.duration(time - (run.firstTime ?? time))) in"
                : TimeFormat.iso(time)
        }
        guard let step else { return clock ?? "?" }
        return "step \(NumberFormat.exact(step))" + (clock.map { " (\($0))" } ?? "")
    }
}
