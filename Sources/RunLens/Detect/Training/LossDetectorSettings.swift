/// Settings of `divergence`; see `TrainingSettings.explanations`.
public struct DivergenceSettings: Codable, Sendable, Equatable {
    /// Run the divergence detector.
    public var enabled = true
    /// Severity of a divergence (source document: critical).
    public var severity = Severity.critical
    /// Steps of finite values that may separate two non-finite stretches of one incident (source
    /// document: 0).
    public var cooldown = 0.0
    /// Consecutive non-finite gradient norms that make a divergence; fewer are fp16 overflow skips,
    /// reported at info.
    public var gradientRunLength = 3
    /// A non-finite loss within this many steps after a non-finite gradient norm makes the gradient
    /// norm the first metric to go.
    public var followSteps = 10.0
    /// Points in the exponential moving average of the loss used for the rising rule.
    public var smoothing = 20
    /// Points before the running minimum of the smoothed loss counts.
    public var warmup = 20
    /// The smoothed loss must be this fraction above its running minimum (0.5 = 1.5×).
    public var riseRatio = 0.5
    /// The rise must also be this share of the drop from the highest smoothed loss to the minimum,
    /// so quantised near-zero losses cannot diverge by rounding.
    public var riseShareOfDrop = 0.1
    /// Still rising: the smoothed loss is above its value this many points before.
    public var risingLookback = 10
    /// Points the rising rule must hold before it fires.
    public var sustain = 5
    /// For a loss whose smoothed minimum is at or below zero, the rise must also be this many
    /// typical deviations of the raw loss (the distance between consecutive points / √2); a
    /// fall to the minimum of no more than that is not judged.
    public var riseDeviations = 6.0
    /// A rise whose raw loss falls back below the threshold within this many points after it
    /// first held is withdrawn: a spike that recovered, left to `loss_spike` (0 keeps every
    /// rise). The default matches `loss_spike.max_spike_points`.
    public var comebackPoints = 50

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, smoothing, warmup, sustain
        case gradientRunLength = "gradient_run_length"
        case followSteps = "follow_steps"
        case riseRatio = "rise_ratio"
        case riseShareOfDrop = "rise_share_of_drop"
        case risingLookback = "rising_lookback"
        case riseDeviations = "rise_deviations"
        case comebackPoints = "comeback_points"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        gradientRunLength = try keyed.value(.gradientRunLength, or: gradientRunLength)
        followSteps = try keyed.value(.followSteps, or: followSteps)
        smoothing = try keyed.value(.smoothing, or: smoothing)
        warmup = try keyed.value(.warmup, or: warmup)
        riseRatio = try keyed.value(.riseRatio, or: riseRatio)
        riseShareOfDrop = try keyed.value(.riseShareOfDrop, or: riseShareOfDrop)
        risingLookback = try keyed.value(.risingLookback, or: risingLookback)
        sustain = try keyed.value(.sustain, or: sustain)
        riseDeviations = try keyed.value(.riseDeviations, or: riseDeviations)
        comebackPoints = try keyed.value(.comebackPoints, or: comebackPoints)
    }
}

/// Settings of `loss_spike`; see `TrainingSettings.explanations`.
public struct LossSpikeSettings: Codable, Sendable, Equatable {
    /// Run the loss spike detector.
    public var enabled = true
    /// Severity of a spike (source document: critical).
    public var severity = Severity.critical
    /// Steps between spikes that still make one incident.
    public var cooldown = 50.0
    /// Points in the trailing mean (source document: 100).
    public var window = 100
    /// A spike is above this multiple of the trailing mean (source document: 2).
    public var ratio = 2.0
    /// And this many typical deviations above it (OLMo skips steps 6σ above its window).
    public var zScore = 6.0
    /// Points after the start or a restart before spikes are judged.
    public var warmup = 20
    /// Points after a spike within which the loss must come back to count as recovered.
    public var recoveryPoints = 200
    /// Consecutive spike points after which the new level becomes the baseline.
    public var maxSpikePoints = 50

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, window, ratio, warmup
        case zScore = "z_score"
        case recoveryPoints = "recovery_points"
        case maxSpikePoints = "max_spike_points"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        window = try keyed.value(.window, or: window)
        ratio = try keyed.value(.ratio, or: ratio)
        zScore = try keyed.value(.zScore, or: zScore)
        warmup = try keyed.value(.warmup, or: warmup)
        recoveryPoints = try keyed.value(.recoveryPoints, or: recoveryPoints)
        maxSpikePoints = try keyed.value(.maxSpikePoints, or: maxSpikePoints)
    }
}

/// Settings of `loss_plateau`; see `TrainingSettings.explanations`.
public struct LossPlateauSettings: Codable, Sendable, Equatable {
    /// Run the loss plateau detector.
    public var enabled = true
    /// Severity of a plateau (source document: warning).
    public var severity = Severity.warning
    /// Steps between plateaus that still make one incident.
    public var cooldown = 500.0
    /// A loss that has not learned yet (see `learnedFall`) must have its recent mean at least this
    /// fraction below the older mean.
    public var minImprovement = 0.01
    /// Any loss whose recent mean is more than this fraction above the older mean is a plateau
    /// (source document: recent > older × 1.1).
    public var maxRise = 0.1
    /// A loss whose recent mean lies this fraction or more below its opening level (the median of
    /// its first `minWindowPoints` points) has learned: when it stops improving it has settled, not
    /// stalled, unless the learning rate is still high (`settledRate`).
    public var learnedFall = 0.5
    /// A learned loss that stops improving is still a plateau while the logged learning rate over
    /// the recent window is at least this share of its highest so far: a stall while the rate is
    /// still high, where the last stretch of a decaying schedule (a cosine to a floor of 10% or
    /// less) settles. A run that logs no learning rate has settled.
    public var settledRate = 0.15
    /// Standard errors of the two means added to the improvement before comparing.
    public var noiseMargin = 1.0
    /// The older window starts this fraction of the run so far back, so the comparison scales with
    /// the run and a slow late decrease is not a plateau.
    public var lookback = 0.5
    /// Each window covers this fraction of the run so far.
    public var span = 0.1
    /// Finite points before the rule is judged (not at the very start): enough for each
    /// window, a tenth of the run, to hold `minWindowPoints`.
    public var minPoints = 100
    /// Points each window needs: a mean and a noise estimate from fewer are too rough to
    /// tell a 1% change.
    public var minWindowPoints = 10
    /// Evaluations without the rule holding that end a plateau.
    public var patience = 3

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, lookback, span, patience
        case minImprovement = "min_improvement"
        case maxRise = "max_rise"
        case learnedFall = "learned_fall"
        case settledRate = "settled_rate"
        case noiseMargin = "noise_margin"
        case minPoints = "min_points"
        case minWindowPoints = "min_window_points"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        minImprovement = try keyed.value(.minImprovement, or: minImprovement)
        maxRise = try keyed.value(.maxRise, or: maxRise)
        learnedFall = try keyed.value(.learnedFall, or: learnedFall)
        settledRate = try keyed.value(.settledRate, or: settledRate)
        noiseMargin = try keyed.value(.noiseMargin, or: noiseMargin)
        lookback = try keyed.value(.lookback, or: lookback)
        span = try keyed.value(.span, or: span)
        minPoints = try keyed.value(.minPoints, or: minPoints)
        minWindowPoints = try keyed.value(.minWindowPoints, or: minWindowPoints)
        patience = try keyed.value(.patience, or: patience)
    }
}

/// Settings of `overfitting`; see `TrainingSettings.explanations`.
public struct OverfittingSettings: Codable, Sendable, Equatable {
    /// Run the overfitting detector.
    public var enabled = true
    /// Severity of overfitting (source document: warning).
    public var severity = Severity.warning
    /// Steps between overfitting stretches that still make one incident.
    public var cooldown = 0.0
    /// Validation above this multiple of train loss (source document: 1.5); judged only where
    /// the train loss is above 0.
    public var ratio = 1.5
    /// Consecutive evaluations at which validation rose while train fell; the incident starts at
    /// the first of them.
    public var rises = 2
    /// The rises together climb more than this fraction of the first value's size; before
    /// the evaluations' noise can be measured, each rise does.
    public var minRise = 0.01
    /// The rises together climb more than this many standard deviations of the difference of
    /// two evaluations, once their noise can be measured.
    public var noiseMargin = 4.0
    /// Train points averaged for the train loss at an evaluation, from the last tenth of the
    /// steps since the evaluation before.
    public var trainPoints = 3
    /// Evaluations without the rule holding that end an incident.
    public var patience = 2

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, cooldown, ratio, rises, patience
        case minRise = "min_rise"
        case noiseMargin = "noise_margin"
        case trainPoints = "train_points"
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        cooldown = try keyed.value(.cooldown, or: cooldown)
        ratio = try keyed.value(.ratio, or: ratio)
        rises = try keyed.value(.rises, or: rises)
        minRise = try keyed.value(.minRise, or: minRise)
        noiseMargin = try keyed.value(.noiseMargin, or: noiseMargin)
        trainPoints = try keyed.value(.trainPoints, or: trainPoints)
        patience = try keyed.value(.patience, or: patience)
    }
}
