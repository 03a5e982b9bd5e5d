/// One incident kind across a digest's runs: how many runs it hit and how often.
///
/// A kind hits a run when its worst incident there is at or above ``DigestRun/hitFloor``
/// (`warning`); a run whose incidents of a kind are all `info` notes is not counted.
public struct KindTally: Codable, Sendable, Equatable {
    /// The detector id.
    public var detector: String
    /// Runs it hit.
    public var runs: Int
    /// Incidents of this kind in the runs it hit.
    public var incidents: Int
    /// The worst severity it reached.
    public var worst: Severity
    /// The runs it hit, in digest order.
    public var runNames: [String]

    /// The kinds in `runs`, ranked by runs hit, then incidents, then worst severity, then id.
    public static func rank(_ runs: [DigestRun]) -> [KindTally] {
        var tallies: [String: KindTally] = [:]
        for run in runs {
            for (detector, count) in run.kinds where run.isHit(by: detector) {
                let worst = run.worstByKind[detector] ?? .info
                var tally =
                    tallies[detector]
                    ?? KindTally(
                        detector: detector, runs: 0, incidents: 0, worst: worst, runNames: [])
                tally.runs += 1
                tally.incidents += count
                tally.worst = max(tally.worst, worst)
                tally.runNames.append(run.name)
                tallies[detector] = tally
            }
        }
        return tallies.values.sorted { left, right in
            if left.runs != right.runs { return left.runs > right.runs }
            if left.incidents != right.incidents { return left.incidents > right.incidents }
            if left.worst != right.worst { return left.worst > right.worst }
            return left.detector < right.detector
        }
    }
}
