/// The outcome of an analysis against `--fail-on`.
public struct Verdict: Sendable, Equatable {
    /// Incidents per severity.
    public var counts: [Severity: Int]
    /// The lowest severity that fails the run, or `nil` for `--fail-on never`.
    public var failOn: Severity?
    /// True when an incident is at or above `failOn`.
    public var failed: Bool
    /// The incidents, most severe first, then by start.
    public var ranked: [Incident]
    /// Inputs that could not be read, or gave no record: the run is then an `ERROR` whatever
    /// its incidents, as its exit code (2) says.
    public var unreadableInputs = 0
    /// Whether no metric took a role a detector judges (``AnalysisResult/judgedNothing``): the
    /// run is then an `ERROR` too (exit 2), since a pass would say nothing about it.
    public var judgedNothing = false

    /// Judges `incidents` against `failOn`.
    public init(incidents: [Incident], failOn: Severity?) {
        var counts: [Severity: Int] = [:]
        for incident in incidents { counts[incident.severity, default: 0] += 1 }
        self.counts = counts
        self.failOn = failOn
        failed = failOn.map { level in incidents.contains { $0.severity >= level } } ?? false
        ranked = Self.rank(incidents)
    }

    /// `ERROR` when an input could not be read or nothing was judged, else `FAIL` or `PASS`.
    public var status: String { isError ? "ERROR" : failed ? "FAIL" : "PASS" }

    /// Whether the analysis could not do its job whatever its incidents: an input could not
    /// be read, or no metric was judged.
    public var isError: Bool { unreadableInputs > 0 || judgedNothing }

    /// Whether the verdict is bad news: an incident at or above `failOn`, or an error.
    public var isBad: Bool { failed || isError }

    /// `2 critical, 1 warning` or `no incidents`.
    public var countsText: String {
        let parts = Severity.allCases.reversed().compactMap { severity -> String? in
            guard let count = counts[severity], count > 0 else { return nil }
            return "\(count) \(severity.name)"
        }
        return parts.isEmpty ? "no incidents" : parts.joined(separator: ", ")
    }

    /// Most severe first; then earliest; then by detector id for a stable order.
    public static func rank(_ incidents: [Incident]) -> [Incident] {
        incidents.sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            let left = lhs.startStep ?? lhs.startTime ?? 0
            let right = rhs.startStep ?? rhs.startTime ?? 0
            if left != right { return left < right }
            if lhs.detector != rhs.detector { return lhs.detector < rhs.detector }
            return (lhs.metric ?? "", lhs.rank ?? -1) < (rhs.metric ?? "", rhs.rank ?? -1)
        }
    }
}
