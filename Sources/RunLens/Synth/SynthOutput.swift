/// An incident a correct analysis of a synthetic log must report.
public struct ExpectedIncident: Codable, Sendable, Equatable {
    /// The detector id.
    public var detector: String
    /// The lowest acceptable severity.
    public var severity: Severity
    /// The metric, when the incident names one.
    public var metric: String?
    /// The rank, when the incident names one.
    public var rank: Int?
    /// The device, when the incident names one.
    public var device: Int?
    /// Where the fault was injected: a step, or an epoch time for request logs.
    public var startStep: Double?
    public var startTime: Double?
    /// How far after the injection the incident may start (steps or seconds).
    public var maxLag: Double

    /// Creates an expectation.
    public init(
        detector: String, severity: Severity, metric: String? = nil, rank: Int? = nil,
        device: Int? = nil, startStep: Double? = nil, startTime: Double? = nil, maxLag: Double
    ) {
        self.detector = detector
        self.severity = severity
        self.metric = metric
        self.rank = rank
        self.device = device
        self.startStep = startStep
        self.startTime = startTime
        self.maxLag = maxLag
    }
}

/// A synthetic run: its log files and the incidents a correct analysis reports.
public struct SynthOutput: Sendable {
    /// File names (one per rank for multi-file scenarios) and their JSON Lines text.
    public var files: [(name: String, text: String)]
    /// What must be found; empty for clean scenarios.
    public var expected: [ExpectedIncident]
    /// Detector ids that must NOT fire at warning or above (e.g. `straggler` on `sawtooth`).
    public var forbidden: [String]
    /// What was written differently from what was asked (a run too short to hold the
    /// fault, more ranks than a scenario writes), one sentence each.
    public var notes: [String] = []

    /// Creates an output.
    public init(
        files: [(name: String, text: String)], expected: [ExpectedIncident],
        forbidden: [String] = []
    ) {
        self.files = files
        self.expected = expected
        self.forbidden = forbidden
    }
}

/// The knobs every scenario takes.
public struct SynthParameters: Sendable {
    /// Seed of the random generator.
    public var seed: UInt64 = 1
    /// Steps to write (training) or minutes of traffic (serving).
    public var steps = 2000
    /// Ranks (one file each for training scenarios).
    public var ranks = 4
    /// Noise level: relative standard deviation of the loss noise (0.02 = 2%).
    public var noise = 0.02
    /// First timestamp, epoch seconds.
    public var startTime: Double = 1_715_677_200

    /// Creates the defaults.
    public init() {}
}

extension SynthParameters {
    /// Sentences for each knob a scenario had to move: steps raised to `minimumSteps`
    /// (`unit` names them), ranks moved into `ranks`.
    func adjustments(minimumSteps: Int, unit: String = "steps", ranks: ClosedRange<Int>)
        -> [String]
    {
        var notes: [String] = []
        if steps < minimumSteps {
            notes.append(
                "this scenario needs at least \(minimumSteps) \(unit): wrote \(minimumSteps)")
        }
        let written = min(max(self.ranks, ranks.lowerBound), ranks.upperBound)
        if written != self.ranks {
            let range =
                ranks.upperBound == .max
                ? "at least \(ranks.lowerBound)" : "\(ranks.lowerBound) to \(ranks.upperBound)"
            notes.append("this scenario writes \(range) ranks: wrote \(written)")
        }
        return notes
    }
}
