/// One row of a digest: a run's status, its incidents by severity and kind, and its figures.
public struct DigestRun: Codable, Sendable, Equatable {
    /// A run's status: its worst incident's severity, `ok` without incidents, or
    /// `unreadable` when its logs or summary could not be read.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case ok, info, warning, error, critical, unreadable

        /// The status a worst severity gives.
        public init(worst: Severity?) {
            switch worst {
            case nil: self = .ok
            case .info: self = .info
            case .warning: self = .warning
            case .error: self = .error
            case .critical: self = .critical
            }
        }

        /// Order from `ok` (0) to `critical` (4); `nil` for `unreadable`.
        public var level: Int? {
            self == .unreadable ? nil : Self.allCases.firstIndex(of: self)
        }

        /// The worst severity this status stands for; `nil` for `ok` and `unreadable`.
        public var severity: Severity? {
            Severity.allCases.first { $0.name == rawValue }
        }

        /// True for `error` and `critical`: the run failed.
        public var failed: Bool { self == .error || self == .critical }
    }

    /// Incidents per severity.
    public struct Counts: Codable, Sendable, Equatable {
        public var critical = 0
        public var error = 0
        public var warning = 0
        public var info = 0

        /// Creates zero counts.
        public init() {}

        /// Counts `incidents` by severity.
        public init(_ incidents: [Incident]) {
            for incident in incidents { add(incident.severity) }
        }

        /// The count at `severity`.
        public subscript(severity: Severity) -> Int {
            switch severity {
            case .critical: return critical
            case .error: return error
            case .warning: return warning
            case .info: return info
            }
        }

        /// The highest severity counted, or `nil` when there is none.
        public var worst: Severity? {
            Severity.allCases.reversed().first { self[$0] > 0 }
        }

        mutating func add(_ severity: Severity, _ count: Int = 1) {
            switch severity {
            case .critical: critical += count
            case .error: error += count
            case .warning: warning += count
            case .info: info += count
            }
        }
    }

    /// A rank or device an incident of a node-level detector named.
    public struct NodeMark: Codable, Sendable, Hashable {
        /// `straggler` or `gpu_overheat`.
        public var detector: String
        public var rank: Int?
        public var device: Int?
        /// The node or host folder the rank's logs lay in, when one alone held them.
        public var host: String?
    }

    /// The detectors whose incidents point at a node.
    public static let nodeDetectors: Set<String> = ["straggler", "gpu_overheat"]

    /// The name shown (unique within a digest).
    public var name: String
    /// The summaries or logs the run was read from.
    public var sources: [String]
    /// How many summaries were merged into this run (1 unless it was analyzed in parts).
    public var parts = 1
    /// The worst incident's severity, `ok`, or `unreadable`.
    public var status: Status
    /// Incidents per severity.
    public var incidents = Counts()
    /// Incidents per detector id.
    public var kinds: [String: Int] = [:]
    /// The worst severity per detector id.
    public var worstByKind: [String: Severity] = [:]
    /// Ranks and devices that straggled or overheated, at ``hitFloor`` or above.
    public var nodes: [NodeMark] = []
    /// Span, final losses, throughput, latency and error rate.
    public var figures: RunFigures
    /// Why the run could not be read.
    public var error: String?
    /// The inputs its analysis could not read (that analysis exited 2), one line each; absent
    /// when every input was read. Its figures and incidents come from the others.
    public var unreadInputs: [String]?
    /// The detectors its settings turned off, by id (its summaries' `settings.disabled`, of
    /// any part); absent when none was. Incidents of these kinds were not looked for.
    public var disabled: [String]?

    /// The row for a run with `figures` and `incidents`, read from `sources`; `nodes` say
    /// which node or host folder each rank's logs lay in.
    public init(
        figures: RunFigures, incidents: [Incident], sources: [String], parts: Int,
        nodes: [NodeRanks] = []
    ) {
        self.figures = figures
        name = figures.name.name
        self.sources = sources
        self.parts = parts
        self.incidents = Counts(incidents)
        status = Status(worst: self.incidents.worst)

        let hosts = NodeRanks.nodeOfRank(nodes)
        var marks = Set<NodeMark>()
        for incident in incidents {
            kinds[incident.detector, default: 0] += 1
            worstByKind[incident.detector] = max(
                worstByKind[incident.detector] ?? incident.severity, incident.severity)
            guard Self.nodeDetectors.contains(incident.detector),
                incident.severity >= Self.hitFloor,
                incident.rank != nil || incident.device != nil
            else { continue }
            marks.insert(
                NodeMark(
                    detector: incident.detector, rank: incident.rank, device: incident.device,
                    host: incident.rank.flatMap { hosts[$0] }))
        }
        self.nodes = marks.sorted { left, right in
            (left.detector, left.rank ?? -1, left.device ?? -1)
                < (right.detector, right.rank ?? -1, right.device ?? -1)
        }
    }

    /// The row for a run that could not be read.
    public init(unreadable name: String, source: String, error: String) {
        self.name = name
        sources = [source]
        status = .unreadable
        figures = RunFigures(name: RunName(name: name, given: false))
        self.error = error
    }

    /// Creates a row from its parts (as read back from a digest's CSV).
    public init(name: String, status: Status, figures: RunFigures) {
        self.name = name
        sources = []
        self.status = status
        self.figures = figures
    }
}
