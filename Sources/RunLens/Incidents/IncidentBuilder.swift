/// Turns the incidents of every detector into the list a report shows.
///
/// Four steps, in order:
/// 1. Cooldown: incidents of one detector on one metric, rank and device that start
///    within the detector's cooldown of the previous one's end become one (incidents with
///    no step or time are never merged).
/// 2. One cause, one incident: an absorbing incident (a divergence, an error-rate burst; at
///    warning or above) removes the incidents it absorbs (spikes, plateaus, gradient
///    explosions; the error-rate and availability SLO findings) on the same rank and axis
///    that overlap it or end within `leadIn` before it starts, notes them in its evidence,
///    and takes the worse severity.
/// 3. One finding on many ranks: incidents of a `foldAcrossRanks` detector on one metric
///    and device whose spans overlap on different ranks become one incident listing every
///    rank in `ranks` (a NaN or spike in an all-reduced loss shows on every rank at once).
/// 4. Alert storm: more than `stormThreshold` distinct alerts (detector, metric, rank,
///    device) at `stormSeverity` or above add one critical `alert_storm` incident. One
///    fault on many ranks at once (a NaN the all-reduce spread) is one alert, not one per
///    rank.
public struct IncidentBuilder: Sendable {
    /// What the builder merges, absorbs and counts.
    public struct Rules: Codable, Sendable, Equatable {
        /// Cooldown per detector id, in steps (seconds for time-indexed incidents).
        public var cooldowns: [String: Double] = [:]
        /// Detector id → the ids its incidents absorb on the same rank (`detector` or
        /// `detector/metric`).
        public var absorbs: [String: [String]] = [:]
        /// How far before an absorbing incident an absorbed one may end (the run-up).
        public var leadIn = 50.0
        /// Detector ids whose incidents on several ranks at once are one finding, folded
        /// into one incident with `ranks`. Leave out detectors whose finding is about one
        /// rank against the others (straggler, throughput, memory).
        public var foldAcrossRanks: [String] = []
        /// More distinct alerts than this raise `alert_storm` (source document: 10).
        public var stormThreshold = 10
        /// The lowest severity that counts as an alert.
        public var stormSeverity = Severity.warning
        /// The severity of the `alert_storm` incident.
        public var stormRaises = Severity.critical

        /// The defaults: no cooldowns, no absorption, no folding across ranks.
        public init() {}
    }

    /// The rules in use.
    public let rules: Rules

    /// Creates a builder with `rules`.
    public init(rules: Rules) {
        self.rules = rules
    }

    /// The incidents after cooldown merging, absorption, folding across ranks and the storm
    /// check.
    public func build(_ incidents: [Incident]) -> [Incident] {
        let merged = mergeCooldowns(incidents)
        let kept = foldAcrossRanks(absorb(merged))
        guard let storm = stormIncident(kept) else { return kept }
        return kept + [storm]
    }

    func mergeCooldowns(_ incidents: [Incident]) -> [Incident] {
        let groups = Dictionary(grouping: incidents.indices) { Self.mergeKey(incidents[$0]) }
        var merged: [(order: Int, incident: Incident)] = []
        for indices in groups.values {
            let sorted = indices.sorted { Self.start(incidents[$0]) < Self.start(incidents[$1]) }
            var run: [Int] = []
            var reach = -Double.infinity
            for index in sorted {
                let next = incidents[index]
                if let open = run.first,
                    !Self.sameAxis(incidents[open], next)
                        || Self.start(next) > reach + cooldown(next.detector)
                {
                    merged.append((open, merge(run, of: incidents)))
                    run = []
                }
                reach = run.isEmpty ? Self.end(next) : max(reach, Self.end(next))
                run.append(index)
            }
            if let open = run.first { merged.append((open, merge(run, of: incidents))) }
        }
        return merged.sorted { $0.order < $1.order }.map(\.incident)
    }

    private func merge(_ run: [Int], of incidents: [Incident]) -> Incident {
        combine(incidents[run[0]], run.dropFirst().map { incidents[$0] })
    }

    func absorb(_ incidents: [Incident]) -> [Incident] {
        var absorbed = Set<Int>()
        var notes: [Int: [String]] = [:]
        var worst: [Int: Severity] = [:]
        for (index, absorber) in incidents.enumerated() {
            guard let kinds = rules.absorbs[absorber.detector], absorber.severity >= .warning
            else { continue }
            for (other, candidate) in incidents.enumerated()
            where other != index && !absorbed.contains(other) && Self.matches(kinds, candidate)
                && candidate.rank == absorber.rank && Self.sameAxis(absorber, candidate)
                && covers(absorber, candidate)
            {
                absorbed.insert(other)
                notes[index, default: []].append("absorbed \(Self.describe(candidate))")
                worst[index] = max(worst[index] ?? absorber.severity, candidate.severity)
            }
        }
        return incidents.enumerated().compactMap { index, incident in
            guard !absorbed.contains(index) else { return nil }
            var kept = incident
            kept.evidence += notes[index] ?? []
            kept.severity = worst[index] ?? kept.severity
            return kept
        }
    }

    /// True when `kinds` names the candidate's detector, or its detector and metric as
    /// `detector/metric`.
    static func matches(_ kinds: [String], _ candidate: Incident) -> Bool {
        if kinds.contains(candidate.detector) { return true }
        guard let metric = candidate.metric else { return false }
        return kinds.contains("\(candidate.detector)/\(metric)")
    }

    func stormIncident(_ incidents: [Incident]) -> Incident? {
        let alerts = incidents.filter { $0.severity >= rules.stormSeverity }
        let distinct = Self.distinctAlerts(alerts)
        guard distinct.count > rules.stormThreshold else { return nil }

        let counts = Dictionary(grouping: distinct, by: \.detector).mapValues(\.count)
        let listed = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.value) × \($0.key)" }
        var storm = Incident(
            severity: rules.stormRaises, detector: "alert_storm", count: distinct.count,
            message:
                "\(distinct.count) distinct alert\(distinct.count == 1 ? "" : "s") at "
                + "\(rules.stormSeverity.name) or above (more"
                + " than \(rules.stormThreshold)): \(listed.joined(separator: ", "))",
            evidence: alerts.prefix(20).map(Self.describe))
        storm.peak = Double(distinct.count)
        storm.threshold = Double(rules.stormThreshold)
        let steps = alerts.compactMap(\.startStep) + alerts.compactMap(\.endStep)
        storm.startStep = steps.min()
        storm.endStep = steps.max()
        let times = alerts.compactMap(\.startTime) + alerts.compactMap(\.endTime)
        storm.startTime = times.min()
        storm.endTime = times.max()
        return storm
    }
}
