/// Settings of `grad_explosion`; see `TrainingSettings.explanations`.
public struct GradExplosionSettings: Codable, Sendable, Equatable {
    /// Run the gradient explosion detector.
    public var enabled = true
    /// Severity of a gradient explosion.
    public var severity = Severity.warning
    /// Steps between firings that still make one incident.
    public var cooldown = 50.0
    /// The gradient norm above this multiple of its trailing median.
    public var ratio = 10.0
    /// Points in the trailing median.
    public var window = 100
    /// Points after the start or a restart before it is judged.
    public var warmup = 20
    /// Consecutive firing points after which the new level becomes the baseline.
    public var maxSpikePoints = 50

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, ratio, window, warmup
        case maxSpikePoints = "max_spike_points"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        ratio = try keyed.value(.ratio, or: ratio)
        window = try keyed.value(.window, or: window)
        warmup = try keyed.value(.warmup, or: warmup)
        maxSpikePoints = try keyed.value(.maxSpikePoints, or: maxSpikePoints)
    }
}

/// Settings of `loss_scale_collapse`; see `TrainingSettings.explanations`.
public struct LossScaleCollapseSettings: Codable, Sendable, Equatable {
    /// Run the loss scale collapse detector.
    public var enabled = true
    /// Severity of a collapse (every update is being skipped).
    public var severity = Severity.critical
    /// Steps between collapses that still make one incident.
    public var cooldown = 0.0
    /// A fall by 2^min_halvings since the last growth is a collapse when `minSkippedShare` of
    /// the updates it spans overflowed; start-up calibration before the scale first holds is
    /// never one.
    public var minHalvings = 8
    /// The share of the updates a fall by 2^min_halvings spans that must have overflowed (one
    /// per halving): a collapse skips (nearly) every update, a slow drift through rare
    /// overflows skips few.
    public var minSkippedShare = 0.5
    /// A scale cut below this (DeepSpeed's minimum is 1) is a collapse after 3 cuts.
    public var floor = 1.0

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, floor
        case minHalvings = "min_halvings"
        case minSkippedShare = "min_skipped_share"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        minHalvings = try keyed.value(.minHalvings, or: minHalvings)
        minSkippedShare = try keyed.value(.minSkippedShare, or: minSkippedShare)
        floor = try keyed.value(.floor, or: floor)
    }
}

/// Settings of `throughput_drop`; see `TrainingSettings.explanations`.
public struct ThroughputDropSettings: Codable, Sendable, Equatable {
    /// Run the throughput drop detector.
    public var enabled = true
    /// Severity of a throughput drop.
    public var severity = Severity.warning
    /// Steps between drops that still make one incident.
    public var cooldown = 100.0
    /// A window below this fraction of the median of earlier windows is a drop.
    public var ratio = 0.8
    /// Points per window.
    public var windowPoints = 20
    /// Earlier windows whose median is the run's own level.
    public var baselineWindows = 20
    /// Earlier windows needed before judging.
    public var minBaselineWindows = 3
    /// Consecutive low windows that make a drop.
    public var sustainWindows = 2
    /// Points after the start or a restart never judged.
    public var warmupPoints = 20
    /// A rank below this fraction of the cluster average at the same steps (source document: 80%).
    public var rankRatio = 0.8
    /// Points a rank must stay below the cluster.
    public var rankSustainPoints = 20

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, ratio
        case windowPoints = "window_points"
        case baselineWindows = "baseline_windows"
        case minBaselineWindows = "min_baseline_windows"
        case sustainWindows = "sustain_windows"
        case warmupPoints = "warmup_points"
        case rankRatio = "rank_ratio"
        case rankSustainPoints = "rank_sustain_points"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        ratio = try keyed.value(.ratio, or: ratio)
        windowPoints = try keyed.value(.windowPoints, or: windowPoints)
        baselineWindows = try keyed.value(.baselineWindows, or: baselineWindows)
        minBaselineWindows = try keyed.value(.minBaselineWindows, or: minBaselineWindows)
        sustainWindows = try keyed.value(.sustainWindows, or: sustainWindows)
        warmupPoints = try keyed.value(.warmupPoints, or: warmupPoints)
        rankRatio = try keyed.value(.rankRatio, or: rankRatio)
        rankSustainPoints = try keyed.value(.rankSustainPoints, or: rankSustainPoints)
    }
}

/// Settings of `data_bottleneck`; see `TrainingSettings.explanations`.
public struct DataBottleneckSettings: Codable, Sendable, Equatable {
    /// Run the data bottleneck detector.
    public var enabled = true
    /// Severity of a data bottleneck (source document: warning).
    public var severity = Severity.warning
    /// Steps between stretches that still make one incident.
    public var cooldown = 100.0
    /// Data time above this multiple of forward + backward time (source document: 1); without
    /// those, compute is step time minus data time.
    public var factor = 1.0
    /// Data points the rule must hold, never failing at two points in a row.
    public var sustainPoints = 10
    /// First data points never judged (worker start-up).
    public var warmupPoints = 3
    /// Data time below this is never a bottleneck.
    public var minDataSeconds = 0.005

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, factor
        case sustainPoints = "sustain_points"
        case warmupPoints = "warmup_points"
        case minDataSeconds = "min_data_seconds"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        factor = try keyed.value(.factor, or: factor)
        sustainPoints = try keyed.value(.sustainPoints, or: sustainPoints)
        warmupPoints = try keyed.value(.warmupPoints, or: warmupPoints)
        minDataSeconds = try keyed.value(.minDataSeconds, or: minDataSeconds)
    }
}
