extension IncidentBuilder {
    /// What makes two alerts the same alert.
    struct AlertKey: Hashable {
        var detector: String
        var metric: String?
        var rank: Int?
        var device: Int?
    }

    static func key(_ incident: Incident) -> AlertKey {
        AlertKey(
            detector: incident.detector, metric: incident.metric, rank: incident.rank,
            device: incident.device)
    }

    /// What makes two incidents one within a cooldown: the same alert by the same rule, so a
    /// merged incident's peak and threshold are in one unit.
    struct MergeKey: Hashable {
        var alert: AlertKey
        var rule: String?
    }

    static func mergeKey(_ incident: Incident) -> MergeKey {
        MergeKey(alert: key(incident), rule: incident.rule)
    }

    /// True when both incidents are placed on the same axis: both by step, or both by
    /// time only.
    static func sameAxis(_ first: Incident, _ second: Incident) -> Bool {
        if first.startStep != nil && second.startStep != nil { return true }
        let timed = { (incident: Incident) in incident.startStep == nil && incident.startTime != nil
        }
        return timed(first) && timed(second)
    }

    /// The start on the incident's axis: its step, else its time.
    static func start(_ incident: Incident) -> Double {
        incident.startStep ?? incident.startTime ?? -.infinity
    }

    /// The end on the incident's axis.
    static func end(_ incident: Incident) -> Double {
        incident.endStep ?? incident.startStep ?? incident.endTime ?? incident.startTime
            ?? .infinity
    }

    static func describe(_ incident: Incident) -> String {
        var rank = incident.rank.map { " on rank \($0)" } ?? ""
        if let ranks = incident.ranks, ranks.count > 1 {
            rank = " on ranks \(IncidentWords.rankList(ranks))"
        }
        let metric = incident.metric.map { " \($0)" } ?? ""
        let (first, last) = span(incident)
        return "\(incident.severity.name) \(incident.detector)\(metric)\(rank), \(first)–\(last):"
            + " \(incident.message)"
    }

    /// Where the incident starts and ends: steps when it has them, else times.
    private static func span(_ incident: Incident) -> (String, String) {
        if let step = incident.startStep {
            let first = "step \(NumberFormat.exact(step))"
            return (first, incident.endStep.map { "step \(NumberFormat.exact($0))" } ?? first)
        }
        guard let time = incident.startTime else { return ("the start", "the start") }
        return (TimeFormat.iso(time), TimeFormat.iso(incident.endTime ?? time))
    }

    func cooldown(_ detector: String) -> Double {
        rules.cooldowns[detector] ?? 0
    }

    /// True when `candidate` overlaps `absorber` or ends within `leadIn` before it.
    func covers(_ absorber: Incident, _ candidate: Incident) -> Bool {
        let start = Self.start(absorber) - rules.leadIn
        return Self.end(candidate) >= start && Self.start(candidate) <= Self.end(absorber)
    }

    /// One incident for `first` and the `later` ones (in start order, one detector's rule on
    /// one series, each within the cooldown of the ones before): the first's wording and the
    /// span of all, the worst severity, the peak and threshold of the one with the worst peak,
    /// and a message that goes on to the end of the span and names the worst finding when it
    /// came later.
    func combine(_ first: Incident, _ later: [Incident]) -> Incident {
        guard !later.isEmpty else { return first }
        let members = [first] + later
        var combined = first
        for next in later {
            combined.severity = max(combined.severity, next.severity)
            combined.endStep = Self.most(combined.endStep, next.endStep)
            combined.endTime = Self.most(combined.endTime, next.endTime)
            combined.count += next.count
            let evidence =
                combined.evidence + ["merged within the cooldown: \(next.message)"]
                + next.evidence.prefix(4)
            combined.evidence = Array(evidence.prefix(16))
        }
        let worst = Self.worstPeak(members)
        combined.peak = members[worst].peak
        combined.threshold = members[worst].threshold
        combined.message = Self.mergedMessage(members, combined: combined, worst: worst)
        return combined
    }

    /// The first member's message, then the later ones: the one merged, or how many, where
    /// the whole ends and, when a later one holds the worst peak, its message.
    private static func mergedMessage(
        _ members: [Incident], combined: Incident, worst: Int
    ) -> String {
        let later = members.dropFirst()
        guard later.count > 1, let last = later.last else {
            return members[0].message + "; again within the cooldown: \(later.first?.message ?? "")"
        }
        var text = members[0].message + "; \(later.count) more within the cooldown"
        text += ", through \(span(combined).1)"
        if worst > 0 {
            text += "; the worst: \(members[worst].message)"
        } else {
            text += "; the last: \(last.message)"
        }
        return text
    }

    /// Where in `members` the worst peak is: a non-finite one, else the lowest when the first
    /// member's peak lies below its threshold (a drop), else the highest; the first on a tie.
    static func worstPeak(_ members: [Incident]) -> Int {
        guard let first = members.first else { return 0 }
        let lowerIsWorse = first.peak.flatMap { peak in first.threshold.map { peak < $0 } } ?? false
        var worst = 0
        for (index, member) in members.enumerated().dropFirst() {
            guard let peak = member.peak else { continue }
            guard let current = members[worst].peak else {
                worst = index
                continue
            }
            guard current.isFinite else { continue }
            if !peak.isFinite || (lowerIsWorse ? peak < current : peak > current) { worst = index }
        }
        return worst
    }

    static func most(_ one: Double?, _ other: Double?) -> Double? {
        guard let one, let other else { return one ?? other }
        return max(one, other)
    }
}
