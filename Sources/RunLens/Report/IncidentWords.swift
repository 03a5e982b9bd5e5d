/// How incidents are named in every report: where they happened and what they are about.
enum IncidentWords {
    /// `step 140`, `steps 140–180`, `2024-05-14T09:00:00Z – 2024-05-14T09:05:00Z`, or `""`.
    static func span(_ incident: Incident) -> String {
        if let start = incident.startStep {
            let end = incident.endStep ?? start
            return end == start
                ? "step \(NumberFormat.short(start))"
                : "steps \(NumberFormat.short(start))–\(NumberFormat.short(end))"
        }
        if let start = incident.startTime {
            let end = incident.endTime ?? start
            return end == start
                ? TimeFormat.iso(start) : "\(TimeFormat.iso(start)) – \(TimeFormat.iso(end))"
        }
        return ""
    }

    /// `loss, rank 2, device 0`: the metric and the unit it is about, or `""`.
    static func subject(_ incident: Incident) -> String {
        let unit = incident.unitWords
        guard let metric = incident.metric else { return unit }
        return unit.isEmpty ? metric : "\(metric), \(unit)"
    }

    /// The rank column: `3`, `0–15` for a finding on a contiguous range of ranks, `0, 2, 5`
    /// for others, or `""`.
    static func rank(_ incident: Incident) -> String {
        if let ranks = incident.ranks, ranks.count > 1 { return rankList(ranks) }
        return incident.rank.map(String.init) ?? ""
    }

    /// `0–15` for three or more consecutive ranks, else the ranks listed: `0, 1`, `0, 2, 5`.
    static func rankList(_ ranks: [Int]) -> String {
        guard let first = ranks.first, let last = ranks.last else { return "" }
        if ranks.count > 2, last - first + 1 == ranks.count { return "\(first)–\(last)" }
        return ranks.map(String.init).joined(separator: ", ")
    }

    /// `peak 9.1, threshold 4.2, 3 firings`: the numbers of the incident, or `""`.
    static func figures(_ incident: Incident) -> String {
        var parts: [String] = []
        if let peak = incident.peak { parts.append("peak \(NumberFormat.short(peak))") }
        if let threshold = incident.threshold {
            parts.append("threshold \(NumberFormat.short(threshold))")
        }
        parts.append(incident.count == 1 ? "1 firing" : "\(incident.count) firings")
        return parts.joined(separator: ", ")
    }

    /// `loss, rank 2 · steps 140–180 · peak 9.1, threshold 4.2, 1 firing · at file:12`.
    static func context(_ incident: Incident) -> String {
        var parts = [subject(incident), span(incident), figures(incident)]
        if let location = incident.location { parts.append("at \(location)") }
        return parts.filter { !$0.isEmpty }.joined(separator: " · ")
    }
}

extension Incident {
    /// `rank 2`, `ranks 0–15`, `rank 2, device 0`: the unit the incident is about, or `""` for
    /// one about the whole run.
    public var unitWords: String {
        var parts: [String] = []
        if let ranks, ranks.count > 1 {
            parts.append("ranks \(IncidentWords.rankList(ranks))")
        } else if let rank {
            parts.append("rank \(rank)")
        }
        if let device { parts.append("device \(device)") }
        return parts.joined(separator: ", ")
    }
}
