extension ThroughputDropDetector {
    /// One stretch of a rank below the cluster average, or several within the cooldown of
    /// each other.
    struct RankLag {
        var firstStep: Double
        var lastStep: Double
        var firstTime: Double
        var lastTime: Double
        var points = 0
        var ratioSum = 0.0
        var buckets = 0
        var lowest = Double.infinity
        /// The stretches joined.
        var stretches = 1

        /// Takes in `later`, a stretch after this one.
        mutating func join(_ later: RankLag) {
            lastStep = later.lastStep
            lastTime = later.lastTime
            points += later.points
            ratioSum += later.ratioSum
            buckets += later.buckets
            lowest = min(lowest, later.lowest)
            stretches += later.stretches
        }
    }

    /// Ranks below `rankRatio` × the cluster average at the same steps.
    func clusterIncidents(_ series: [Int], context: DetectionContext) -> [Incident] {
        let ranked = series.filter { descriptors[$0].rank != nil }
        guard ranked.count >= 2 else { return [] }
        var buckets = ranked.compactMap { trackers[$0]?.buckets }
        guard buckets.count == ranked.count else { return [] }
        let width = buckets.map(\.width).max() ?? 1
        for index in buckets.indices { buckets[index].coarsen(toWidth: width) }

        let averages = clusterAverages(buckets)
        return ranked.indices.flatMap { position in
            lags(buckets[position], averages: averages).map { rankIncident(ranked[position], $0) }
        }
    }

    private func clusterAverages(_ buckets: [TimedMeanHistory]) -> [Int: Double] {
        var sums: [Int: (total: Double, ranks: Int)] = [:]
        for summary in buckets {
            for (index, bucket) in summary.filled {
                let current = sums[index] ?? (0, 0)
                sums[index] = (current.total + bucket.mean, current.ranks + 1)
            }
        }
        return sums.compactMapValues { $0.ranks >= 2 ? $0.total / Double($0.ranks) : nil }
    }

    /// The sustained stretches of `summary` below the rule, those within the cooldown of
    /// each other joined: one finding, as the incident builder would merge them, but with a
    /// message that covers the whole.
    private func lags(_ summary: TimedMeanHistory, averages: [Int: Double]) -> [RankLag] {
        var found: [RankLag] = []
        var current: RankLag?
        for (index, bucket) in summary.filled {
            guard let average = averages[index], average > 0 else { continue }
            let ratio = bucket.mean / average
            guard ratio < settings.rankRatio else {
                if let lag = current, lag.points >= settings.rankSustainPoints { found.append(lag) }
                current = nil
                continue
            }
            var lag =
                current
                ?? RankLag(
                    firstStep: bucket.firstStep, lastStep: bucket.lastStep,
                    firstTime: bucket.firstTime, lastTime: bucket.lastTime)
            lag.lastStep = bucket.lastStep
            lag.lastTime = bucket.lastTime
            lag.points += bucket.count
            lag.ratioSum += ratio
            lag.buckets += 1
            lag.lowest = min(lag.lowest, ratio)
            current = lag
        }
        if let lag = current, lag.points >= settings.rankSustainPoints { found.append(lag) }
        return joined(found)
    }

    /// `found` with each stretch that starts within the cooldown of the one before joined to
    /// it.
    private func joined(_ found: [RankLag]) -> [RankLag] {
        var lags: [RankLag] = []
        for lag in found {
            if let last = lags.last, lag.firstStep - last.lastStep <= settings.cooldown {
                lags[lags.count - 1].join(lag)
            } else {
                lags.append(lag)
            }
        }
        return lags
    }

    private func rankIncident(_ index: Int, _ lag: RankLag) -> Incident {
        let descriptor = descriptors[index]
        let mean = lag.ratioSum / Double(max(1, lag.buckets))
        var incident = Incident(
            severity: settings.severity, detector: "throughput_drop", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, startStep: lag.firstStep,
            endStep: lag.lastStep, startTime: lag.firstTime.isFinite ? lag.firstTime : nil,
            endTime: lag.lastTime.isFinite ? lag.lastTime : nil, peak: lag.lowest,
            threshold: settings.rankRatio, count: lag.points,
            message:
                "rank \(descriptor.rank ?? -1)'s \(descriptor.name) ran at"
                + " \(EvidenceText.percent(mean)) of the cluster average at the same steps"
                + " (lowest \(EvidenceText.percent(lag.lowest))) from step"
                + " \(NumberFormat.exact(lag.firstStep)) to \(NumberFormat.exact(lag.lastStep))"
                + gaps(lag) + "; rule: below \(EvidenceText.percent(settings.rankRatio))",
            evidence: [
                "\(lag.points) points below the cluster average over \(lag.buckets) step buckets",
                "peak and threshold are shares of the cluster average",
            ])
        incident.rule = "cluster_share"
        return incident
    }

    /// `, in 2 stretches at most 100 steps apart`, or nothing for one stretch.
    private func gaps(_ lag: RankLag) -> String {
        guard lag.stretches > 1 else { return "" }
        return ", in \(lag.stretches) stretches at most"
            + " \(NumberFormat.exact(settings.cooldown)) steps apart"
    }
}
