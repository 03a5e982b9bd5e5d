/// Thresholds, severities and durations of the fleet and hardware detectors:
/// `straggler`, `memory_growth`, `gpu_underutilized`, `gpu_overheat`, `resource_pressure`.
///
/// Defaults come from the source document where it gives a number (1.2× straggler factor,
/// 10%/h memory growth, 50% utilisation, 85 °C, 90/85/95% host limits); the rest are the
/// team's choices, each explained in `explanations`. A config may set any subset of keys;
/// the others keep their defaults.
public struct FleetSettings: Codable, Sendable, Equatable {
    /// Run the straggler detector.
    public var stragglerEnabled = true
    /// Severity of a straggler incident.
    public var stragglerSeverity = Severity.warning
    /// A rank is slow on a metric when its window mean exceeds this many times the median
    /// of the other ranks' means.
    public var stragglerFactor = 1.2
    /// Consecutive slow windows needed before a rank is called a straggler.
    public var stragglerMinWindows = 3
    /// Clean windows that may interrupt a straggler's slow windows without ending it.
    public var stragglerGapWindows = 1
    /// Window width in steps; `nil` chooses 10–50 logged steps from the run.
    public var stragglerWindowSteps: Double?
    /// The slowdown must cost at least this share of a step to count.
    public var stragglerMinExcessShare = 0.02
    /// Share of the run at its start that is never scored (compilation, cache warm-up).
    public var stragglerWarmupFraction = 0.05

    /// Run the memory-growth detector.
    public var memoryGrowthEnabled = true
    /// Severity of a memory-growth incident.
    public var memoryGrowthSeverity = Severity.warning
    /// Fire when the fitted memory floor grows faster than this, in percent per hour.
    public var memoryGrowthPercentPerHour = 10.0
    /// Without any clock: fire when the floor grows by more than this percentage overall.
    public var memoryGrowthUntimedPercent = 10.0
    /// Share of a series at its start skipped as allocator warm-up.
    public var memoryWarmupFraction = 0.1
    /// Seconds at the start skipped as warm-up when that is more than the fraction (capped
    /// at a quarter of the series).
    public var memoryWarmupSeconds = 120.0
    /// The fit needs at least this many points after warm-up.
    public var memoryMinPoints = 20
    /// The fit needs at least this many seconds after warm-up (timed series).
    public var memoryMinSpanSeconds = 600.0
    /// The fit needs at least this many windows of per-window minima.
    public var memoryMinWindows = 5
    /// Windows the fit aims for; fewer when the series has a long allocator sawtooth.
    public var memoryTargetWindows = 12
    /// Kendall's τ between time and the window minima needed: how consistently it rises.
    public var memoryMinTrendConsistency = 0.6
    /// GPU memory capacity in GB for the time-to-capacity projection, when the log has no
    /// `memory.total`.
    public var gpuMemoryCapacity: Double?
    /// Report a series too short to fit that still rose by at least this percentage (info).
    public var memoryShortRisePercent = 10.0

    /// Run the low-utilisation detector.
    public var gpuUnderutilizedEnabled = true
    /// Severity of a low-utilisation incident.
    public var gpuUnderutilizedSeverity = Severity.warning
    /// Utilisation below this percentage is low.
    public var gpuUnderutilizedPercent = 50.0
    /// Low utilisation must last this many seconds.
    public var gpuUnderutilizedMinSeconds = 300.0

    /// Run the overheating detector.
    public var gpuOverheatEnabled = true
    /// Severity of an overheating incident.
    public var gpuOverheatSeverity = Severity.critical
    /// Temperatures above this, in °C, are too hot.
    public var gpuOverheatCelsius = 85.0
    /// A high temperature must last this many seconds.
    public var gpuOverheatMinSeconds = 60.0

    /// Run the host resource detector.
    public var resourcePressureEnabled = true
    /// Host memory above this percentage is pressure.
    public var hostMemoryPercent = 90.0
    /// Severity of host memory pressure.
    public var hostMemorySeverity = Severity.critical
    /// Disk use above this percentage is pressure.
    public var diskPercent = 85.0
    /// Severity of disk pressure.
    public var diskSeverity = Severity.warning
    /// CPU use above this percentage is pressure.
    public var cpuPercent = 95.0
    /// Severity of CPU pressure.
    public var cpuSeverity = Severity.warning
    /// Host pressure must last this many seconds.
    public var resourcePressureMinSeconds = 300.0

    /// A threshold stretch needs at least this many consecutive samples.
    public var stretchMinSamples = 3
    /// Without a clock, a threshold stretch must span this many steps.
    public var stretchMinStepsUntimed = 100.0
    /// Stretches closer than this many seconds join into one incident.
    public var stretchCooldownSeconds = 300.0
    /// Without a clock, stretches closer than this many steps join into one incident.
    public var stretchCooldownSteps = 100.0
    /// Samples on the safe side a stretch tolerates before it ends (sensor flicker).
    public var stretchTolerance = 1

    /// A rank whose log stops more than this many logging intervals before the run's last
    /// step (or time) ended early: a hung or crashed worker (``RankReach``).
    public var endedEarlyIntervals = 10.0

    /// The defaults.
    public init() {}
}
