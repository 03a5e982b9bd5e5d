extension StragglerPlan {
    /// One incident per rank and run of slow windows.
    func incidents(context: DetectionContext) -> [Incident] {
        let scored = windows()
        var result: [Incident] = []
        for rank in ranks {
            for run in runs(of: rank, in: scored) {
                if let incident = incident(rank: rank, run: run, windows: scored, context: context)
                {
                    result.append(incident)
                }
            }
        }
        return result
    }

    /// Runs of windows (positions in `windows`) in which `rank` is slow: gaps of up to
    /// `stragglerGapWindows` clean windows join, and a run needs `stragglerMinWindows` slow
    /// windows in a row somewhere. Windows where the rank logged nothing are skipped.
    func runs(of rank: Int, in windows: [StragglerWindow]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        var gap = 0
        var streak = 0
        var longest = 0
        func close() {
            if longest >= settings.stragglerMinWindows { runs.append(current) }
            current = []
            longest = 0
        }

        for (position, window) in windows.enumerated() where window.hasWork(rank) {
            if window.flags.contains(where: { $0.rank == rank }) {
                current.append(position)
                gap = 0
                streak += 1
                longest = max(longest, streak)
                continue
            }
            streak = 0
            guard !current.isEmpty else { continue }
            gap += 1
            if gap > settings.stragglerGapWindows { close() }
        }
        if !current.isEmpty { close() }
        return runs
    }

    /// The incident for one run: the metric whose excess is largest over the run, its
    /// factor, first and last slow step, and the wall-clock time it cost.
    func incident(rank: Int, run: [Int], windows: [StragglerWindow], context: DetectionContext)
        -> Incident?
    {
        var excessByKind: [StragglerKind: Double] = [:]
        for position in run {
            for flag in windows[position].flags where flag.rank == rank {
                excessByKind[flag.kind, default: 0] += flag.excess
            }
        }
        guard let kind = excessByKind.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key
        else { return nil }
        let slow = run.compactMap { position -> (StragglerWindow, StragglerFlag)? in
            let window = windows[position]
            guard let flag = window.flags.first(where: { $0.rank == rank && $0.kind == kind })
            else { return nil }
            return (window, flag)
        }
        guard let first = slow.first, let last = slow.last else { return nil }

        let onset = edgeBucket(rank: rank, kind: kind, window: first.0, fromStart: true)
        let end = edgeBucket(rank: rank, kind: kind, window: last.0, fromStart: false)
        let summary = StragglerSummary(
            plan: self, rank: rank, kind: kind, slow: slow, run: run.map { windows[$0] })
        var incident = Incident(
            severity: settings.stragglerSeverity, detector: StragglerDetector.id,
            metric: metricName(rank: rank, kind: kind), rank: rank,
            startStep: onset.firstStep, endStep: end.lastStep,
            startTime: onset.firstTime.isFinite ? onset.firstTime : nil,
            endTime: end.lastTime.isFinite ? end.lastTime : nil, peak: summary.peak,
            threshold: settings.stragglerFactor, count: slow.count,
            message: summary.message(from: onset.firstStep, to: end.lastStep),
            evidence: summary.evidence())
        let point = Point(
            step: onset.firstStep, time: onset.firstTime, value: 0, line: onset.firstLine,
            file: onset.firstFile)
        incident.location = context.location(of: point)
        return incident
    }

    /// The first (or last) bucket of `window` in which `rank` is slow on `kind` against
    /// the others' median, or the rank's whole window when no single bucket is.
    func edgeBucket(rank: Int, kind: StragglerKind, window: StragglerWindow, fromStart: Bool)
        -> RankStepBucket
    {
        let indices = fromStart ? Array(window.range) : window.range.reversed()
        for index in indices {
            let range = index..<(index + 1)
            guard let own = value(rank: rank, kind: kind, range: range, trimmed: false) else {
                continue
            }
            let others = ranks.filter { $0 != rank }.compactMap {
                value(rank: $0, kind: kind, range: range, trimmed: false)?.value
            }
            guard let median = FleetMath.median(others), median > 0 else { continue }
            if own.value / median > settings.stragglerFactor { return own.bucket }
        }
        return window.work[kind]?[rank]?.bucket ?? RankStepBucket()
    }

    /// The metric as logged: `data_time`, or `forward_time+backward_time`.
    func metricName(rank: Int, kind: StragglerKind) -> String {
        var names: [String] = []
        for component in kind.components {
            for position in seriesOf[rank]?[component] ?? []
            where !names.contains(series[position].name) {
                names.append(series[position].name)
            }
        }
        return names.joined(separator: "+")
    }
}
