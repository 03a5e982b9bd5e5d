extension IncidentBuilder {
    /// What makes incidents on several ranks one finding: the detector, metric and device.
    private struct FoldKey: Hashable {
        var detector: String
        var metric: String?
        var device: Int?
        var rule: String?
        var timed: Bool
    }

    /// One incident for each finding of a `foldAcrossRanks` detector on one metric and
    /// device that several ranks report over overlapping spans: a loss all-reduced into
    /// every rank's log goes NaN, spikes or stalls on every rank at once, from one cause.
    ///
    /// Overlap chains (a overlaps b, b overlaps c: one finding). The folded incident keeps
    /// the wording of the earliest start (lowest rank on a tie), the worst severity, the peak
    /// and threshold of the rank with the worst peak, the union of the spans, the total
    /// firings, and every rank in `ranks`. Others keep their place in the list; a folded one
    /// takes the place of its first member.
    func foldAcrossRanks(_ incidents: [Incident]) -> [Incident] {
        var groups: [FoldKey: [Int]] = [:]
        for (index, incident) in incidents.enumerated() {
            guard let key = Self.foldKey(incident, rules: rules) else { continue }
            groups[key, default: []].append(index)
        }

        var replaced: [Int: Incident] = [:]
        var dropped = Set<Int>()
        for indices in groups.values where indices.count > 1 {
            for chain in Self.overlapChains(indices, in: incidents) where chain.count > 1 {
                let members = chain.map { incidents[$0] }
                guard let first = chain.min() else { continue }
                replaced[first] = fold(members)
                dropped.formUnion(chain.filter { $0 != first })
            }
        }
        return incidents.indices.compactMap { index in
            dropped.contains(index) ? nil : replaced[index] ?? incidents[index]
        }
    }

    private static func foldKey(_ incident: Incident, rules: Rules) -> FoldKey? {
        guard incident.rank != nil, rules.foldAcrossRanks.contains(incident.detector),
            incident.startStep != nil || incident.startTime != nil
        else { return nil }
        return FoldKey(
            detector: incident.detector, metric: incident.metric, device: incident.device,
            rule: incident.rule, timed: incident.startStep == nil)
    }

    /// The indices split into runs whose spans overlap, each run in start order.
    private static func overlapChains(_ indices: [Int], in incidents: [Incident]) -> [[Int]] {
        let sorted = indices.sorted { order(incidents[$0], incidents[$1]) }
        var chains: [[Int]] = []
        var reach = -Double.infinity
        for index in sorted {
            let incident = incidents[index]
            if let last = chains.indices.last, start(incident) <= reach {
                chains[last].append(index)
                reach = max(reach, end(incident))
            } else {
                chains.append([index])
                reach = end(incident)
            }
        }
        return chains
    }

    /// Earlier start first; the lower rank on a tie.
    private static func order(_ lhs: Incident, _ rhs: Incident) -> Bool {
        if start(lhs) != start(rhs) { return start(lhs) < start(rhs) }
        return (lhs.rank ?? Int.max) < (rhs.rank ?? Int.max)
    }

    /// One incident for `members` (at least two, one finding on several ranks).
    private func fold(_ members: [Incident]) -> Incident {
        let sorted = members.sorted(by: Self.order)
        var folded = sorted[0]
        for other in sorted.dropFirst() {
            folded.severity = max(folded.severity, other.severity)
            folded.count += other.count
            folded.startTime = Self.least(folded.startTime, other.startTime)
            folded.endStep = Self.most(folded.endStep, other.endStep)
            folded.endTime = Self.most(folded.endTime, other.endTime)
        }
        let worst = Self.worstPeak(sorted)
        folded.peak = sorted[worst].peak
        folded.threshold = sorted[worst].threshold
        let ranks = Set(members.flatMap { $0.ranks ?? $0.rank.map { [$0] } ?? [] }).sorted()
        folded.ranks = ranks
        folded.evidence.insert(
            "on \(ranks.count) ranks: \(IncidentWords.rankList(ranks)); wording from rank"
                + " \(folded.rank.map(String.init) ?? "?"), the first to show it", at: 0)
        folded.evidence = Array(folded.evidence.prefix(16))
        return folded
    }

    private static func least(_ one: Double?, _ other: Double?) -> Double? {
        guard let one, let other else { return one ?? other }
        return min(one, other)
    }
}
