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
        let rank = incident.rank.map { " on rank \($0)" } ?? ""
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

    /// One incident covering both, keeping the first's wording and the worse severity.
    func combine(_ first: Incident, _ next: Incident) -> Incident {
        var combined = first
        combined.severity = max(first.severity, next.severity)
        combined.endStep = max(first.endStep ?? -.infinity, next.endStep ?? -.infinity)
        if combined.endStep == -.infinity { combined.endStep = nil }
        combined.endTime = max(first.endTime ?? -.infinity, next.endTime ?? -.infinity)
        if combined.endTime == -.infinity { combined.endTime = nil }
        combined.count = first.count + next.count
        combined.peak = worsePeak(first, next)
        let extra = Array(next.evidence.prefix(4))
        let evidence = first.evidence + ["merged within the cooldown: \(next.message)"] + extra
        combined.evidence = Array(evidence.prefix(16))
        return combined
    }

    private func worsePeak(_ first: Incident, _ next: Incident) -> Double? {
        guard let one = first.peak, let other = next.peak else { return first.peak ?? next.peak }
        guard one.isFinite, other.isFinite else { return one.isFinite ? other : one }
        let lowerIsWorse = first.threshold.map { one < $0 } ?? false
        return lowerIsWorse ? min(one, other) : max(one, other)
    }
}
