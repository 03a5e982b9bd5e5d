/// Everything a configuration file can set: windows, extra metric names, and the
/// settings of every detector family. Keys a file leaves out keep their defaults.
public struct RunLensConfig: Codable, Sendable, Equatable {
    /// Window sizes.
    public var windows = WindowSettings()
    /// Extra metric names per role (`"train_loss": ["my_loss"]`).
    public var roles: [String: [String]] = [:]
    /// Divergence, spikes, plateaus, overfitting and the other training detectors.
    public var training = TrainingSettings()
    /// Stragglers, memory growth, GPU and host pressure.
    public var fleet = FleetSettings()
    /// Request statistics, SLOs, error budgets, quality.
    public var serving = ServingSettings()
    /// What counts as a regression against `--baseline`.
    public var baseline = BaselineSettings()
    /// When too many distinct alerts make one `alert_storm` incident.
    public var alertStorm = AlertStormSettings()

    /// The defaults.
    public init() {}

    /// Reads a config, taking the default for every key it leaves out.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RunLensConfig()
        windows =
            try container.decodeIfPresent(WindowSettings.self, forKey: .windows) ?? defaults.windows
        roles = try container.decodeIfPresent([String: [String]].self, forKey: .roles) ?? [:]
        training =
            try container.decodeIfPresent(TrainingSettings.self, forKey: .training)
            ?? defaults.training
        fleet = try container.decodeIfPresent(FleetSettings.self, forKey: .fleet) ?? defaults.fleet
        serving =
            try container.decodeIfPresent(ServingSettings.self, forKey: .serving)
            ?? defaults.serving
        baseline =
            try container.decodeIfPresent(BaselineSettings.self, forKey: .baseline)
            ?? defaults.baseline
        alertStorm =
            try container.decodeIfPresent(AlertStormSettings.self, forKey: .alertStorm)
            ?? defaults.alertStorm
    }

    enum CodingKeys: String, CodingKey {
        case windows, roles, training, fleet, serving, baseline
        case alertStorm = "alert_storm"
    }

    /// The extra role names, by role; unknown role names were rejected by the loader.
    public var extraRoles: [MetricRole: [String]] {
        var result: [MetricRole: [String]] = [:]
        for (name, names) in roles {
            if let role = MetricRole(rawValue: name) { result[role] = names }
        }
        return result
    }

    /// Applies windows, extra role names and when a rank ended early to `options`; a window
    /// width given on the command line wins, and a time window (`--window`) sets the serving
    /// detectors' request windows too, so that their incidents speak of the windows
    /// `windows.csv` shows.
    public mutating func apply(to options: inout AnalysisOptions, explicitWindowSteps: Double?) {
        options.windowSteps = explicitWindowSteps ?? windows.steps
        if options.windowSecondsGiven {
            serving.windowSeconds = options.windowSeconds
        } else {
            options.windowSeconds = windows.seconds
        }
        for (role, names) in extraRoles { options.extraRoles[role, default: []] += names }
        options.endedEarlyIntervals = fleet.endedEarlyIntervals
    }

    /// One line per key of the sections that are not detector families.
    static let explanations: [String: String] = [
        "windows.steps":
            "step-window width; null chooses one from the run length (about 100 windows)",
        "windows.seconds": "time-window width in seconds for request logs (default 5 minutes)",
        "roles": "extra metric names per role, e.g. {\"train_loss\": [\"my_loss\"]}",
    ]
}

/// Window sizes for the statistics.
public struct WindowSettings: Codable, Sendable, Equatable {
    /// Step-window width; `nil` chooses one from the run length.
    public var steps: Double?
    /// Time-window width in seconds.
    public var seconds: Double = 300

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case steps
        case seconds
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        steps = try container.decodeIfPresent(Double.self, forKey: .steps)
        seconds = try container.decodeIfPresent(Double.self, forKey: .seconds) ?? 300
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let steps {
            try container.encode(steps, forKey: .steps)
        } else {
            try container.encodeNil(forKey: .steps)
        }
        try container.encode(seconds, forKey: .seconds)
    }
}
