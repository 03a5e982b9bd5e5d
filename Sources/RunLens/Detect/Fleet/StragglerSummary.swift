/// The numbers and words of one straggler incident.
struct StragglerSummary {
    let plan: StragglerPlan
    let rank: Int
    let kind: StragglerKind
    /// The windows where the rank is slow on `kind`, with its flag.
    let slow: [(StragglerWindow, StragglerFlag)]
    /// Every window of the run, slow or not.
    let run: [StragglerWindow]

    /// The rank's mean over the slow windows divided by the others' median.
    var factor: Double {
        let own = slow.reduce(0) { $0 + $1.1.value }
        let others = slow.reduce(0) { $0 + $1.1.others }
        return others > 0 ? own / others : .infinity
    }

    /// The largest window ratio.
    var peak: Double { slow.map(\.1.ratio).max() ?? factor }

    /// Seconds of wall-clock time the run lost: each slow window's excess per step times
    /// the steps it covers.
    var cost: Double {
        slow.reduce(0) { total, entry in
            total + entry.1.excess * (entry.0.work[kind]?[rank]?.steps ?? 0)
        }
    }

    /// One sentence: who, on what, how much, when, what it cost, who is not to blame.
    func message(from start: Double, to end: Double) -> String {
        let metric = plan.metricName(rank: rank, kind: kind)
        let own = slow.reduce(0) { $0 + $1.1.value } / Double(slow.count)
        let others = slow.reduce(0) { $0 + $1.1.others } / Double(slow.count)
        let windowSteps = Double(plan.windowBuckets) * plan.width
        var text =
            "rank \(rank) is a straggler on \(metric): \(FleetMath.factor(factor)) the median of "
            + "the other ranks (\(FleetMath.seconds(own)) vs \(FleetMath.seconds(others)) a step) "
            + "from step \(NumberFormat.exact(start)) to \(NumberFormat.exact(end)) "
            + "(\(slow.count) windows of \(NumberFormat.exact(windowSteps)) steps); it cost the "
            + "run about \(FleetMath.seconds(cost)) of wall-clock time"
        if let shadow = shadowClause() { text += "; " + shadow }
        return text
    }

    /// Says which metrics make the other ranks look slower while they wait for this one.
    func shadowClause() -> String? {
        var parts: [String] = []
        for other in plan.kinds where other.mayHoldWaits && other != kind {
            guard let (own, others) = means(of: other), others - own > 0,
                others - own >= plan.settings.stragglerMinExcessShare * stepScale
            else { continue }
            parts.append(
                "\(plan.metricName(rank: rank, kind: other)) is longer on the other ranks "
                    + "(\(FleetMath.seconds(others)) vs \(FleetMath.seconds(own)))")
        }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: ", ") + " because they wait for rank \(rank) at the "
            + "collective, so they are not blamed"
    }

    /// The rank's mean of `kind` over the run and the median of the other ranks' means.
    func means(of kind: StragglerKind) -> (own: Double, others: Double)? {
        var totals: [Int: (sum: Double, count: Int)] = [:]
        for window in run {
            for (rank, work) in window.work[kind] ?? [:] {
                totals[rank, default: (0, 0)].sum += work.value
                totals[rank, default: (0, 0)].count += 1
            }
        }
        let averages = totals.mapValues { $0.sum / Double($0.count) }
        guard let own = averages[rank] else { return nil }
        let others = averages.filter { $0.key != rank }.map(\.value)
        guard let median = FleetMath.median(others) else { return nil }
        return (own, median)
    }

    /// The median step of the run's windows, in seconds.
    var stepScale: Double { FleetMath.median(run.map(\.stepScale)) ?? 0 }

    /// Lines for the report: the rule, each metric per rank, the first and last windows.
    func evidence() -> [String] {
        let settings = plan.settings
        var lines = [
            "rule: own work > \(NumberFormat.exact(settings.stragglerFactor))× the other "
                + "ranks' median for \(settings.stragglerMinWindows)+ windows in a row, "
                + "excess at least \(FleetMath.percent(settings.stragglerMinExcessShare * 100)) "
                + "of a step (\(FleetMath.seconds(stepScale))); the first "
                + "\(FleetMath.percent(settings.stragglerWarmupFraction * 100)) of the run is "
                + "not scored"
        ]
        for other in plan.kinds {
            if let line = perRankLine(other) { lines.append(line) }
        }
        let shown = slow.count <= 6 ? Array(slow) : Array(slow.prefix(3) + slow.suffix(3))
        for (window, flag) in shown {
            let bucket = window.work[kind]?[rank]?.bucket ?? RankStepBucket()
            lines.append(
                "steps \(NumberFormat.exact(bucket.firstStep))–"
                    + "\(NumberFormat.exact(bucket.lastStep)): \(FleetMath.seconds(flag.value)) "
                    + "vs \(FleetMath.seconds(flag.others)) (\(FleetMath.factor(flag.ratio)))")
        }
        return lines
    }

    /// `data_time over the run: rank 0 0.010 s, rank 1 ...`; summarised past eight ranks.
    func perRankLine(_ other: StragglerKind) -> String? {
        var totals: [Int: (sum: Double, count: Int)] = [:]
        for window in run {
            for (rank, work) in window.work[other] ?? [:] {
                totals[rank, default: (0, 0)].sum += work.value
                totals[rank, default: (0, 0)].count += 1
            }
        }
        guard totals.count >= 2 else { return nil }
        let averages = totals.mapValues { $0.sum / Double($0.count) }
        let name = plan.metricName(rank: rank, kind: other)
        if averages.count <= 8 {
            let parts = averages.keys.sorted().map { rank -> String in
                "rank \(rank) \(FleetMath.seconds(averages[rank] ?? 0))"
            }
            return "\(name) over the run: " + parts.joined(separator: ", ")
        }
        let others = averages.filter { $0.key != rank }.map(\.value)
        return "\(name) over the run: rank \(rank) \(FleetMath.seconds(averages[rank] ?? 0)), "
            + "others median \(FleetMath.seconds(FleetMath.median(others) ?? 0)) (range "
            + "\(FleetMath.seconds(others.min() ?? 0))–\(FleetMath.seconds(others.max() ?? 0)))"
    }
}
