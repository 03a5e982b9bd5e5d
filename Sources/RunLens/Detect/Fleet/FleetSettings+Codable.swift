/// The config file's `fleet` section: one object per detector id (`straggler`,
/// `memory_growth`, `gpu_underutilized`, `gpu_overheat`, `resource_pressure`) and
/// `threshold_stretches` for the knobs the three threshold detectors share, and
/// `ranks_ended_early` for when a rank's log counts as stopping early; snake_case keys.
extension FleetSettings {
    /// Every key of the section, with the property it sets and its explanation.
    static var fields: [SettingField<FleetSettings>] {
        straggler + memoryGrowth + thresholds + stretches + endedEarly
    }

    /// Reads the keys a config sets; every missing key keeps its default.
    public init(from decoder: Decoder) throws {
        self.init()
        try SettingField.decode(Self.fields, into: &self, from: decoder)
    }

    /// Writes every key, in its detector's object.
    public func encode(to encoder: Encoder) throws {
        try SettingField.encode(Self.fields, of: self, to: encoder)
    }

    /// One line per key, keyed `detector.key`, for `runlens config --print-defaults`.
    public static var explanations: [String: String] { SettingField.explanations(fields) }

    private typealias Field = SettingField<FleetSettings>

    private static var straggler: [Field] {
        [
            Field("straggler", "enabled", \.stragglerEnabled, "run the straggler detector"),
            Field("straggler", "severity", \.stragglerSeverity, "severity of a straggler incident"),
            Field(
                "straggler", "factor", \.stragglerFactor,
                "a rank is slow when its own work (data or compute time) exceeds this many times "
                    + "the median of the other ranks (source document: 1.2)"),
            Field(
                "straggler", "min_windows", \.stragglerMinWindows,
                "consecutive slow windows before a rank is a straggler"),
            Field(
                "straggler", "gap_windows", \.stragglerGapWindows,
                "clean windows that may interrupt a straggler without ending it"),
            Field(
                "straggler", "window_steps", \.stragglerWindowSteps,
                "window width in steps; null chooses 10-50 logged steps"),
            Field(
                "straggler", "min_excess_share", \.stragglerMinExcessShare,
                "a slowdown must cost at least this share of a step (0.02 = 2%) to count"),
            Field(
                "straggler", "warmup_fraction", \.stragglerWarmupFraction,
                "share of the run at its start that is not scored"),
        ]
    }

    private static var memoryGrowth: [Field] {
        let group = "memory_growth"
        return [
            Field(group, "enabled", \.memoryGrowthEnabled, "run the memory-growth detector"),
            Field(
                group, "severity", \.memoryGrowthSeverity, "severity of a memory-growth incident"),
            Field(
                group, "percent_per_hour", \.memoryGrowthPercentPerHour,
                "fire when the memory floor grows faster than this, %/hour (source document: 10)"),
            Field(
                group, "untimed_percent", \.memoryGrowthUntimedPercent,
                "without timestamps or step times: fire when the floor grows more than this % "
                    + "overall"),
            Field(
                group, "warmup_fraction", \.memoryWarmupFraction,
                "share of a memory series at its start skipped as warm-up"),
            Field(
                group, "warmup_seconds", \.memoryWarmupSeconds,
                "seconds skipped as warm-up when more than the fraction (at most a quarter)"),
            Field(
                group, "min_points", \.memoryMinPoints, "points the trend fit needs after warm-up"),
            Field(
                group, "min_span_seconds", \.memoryMinSpanSeconds,
                "seconds the trend fit needs after warm-up"),
            Field(
                group, "min_windows", \.memoryMinWindows,
                "windows of per-window minima the trend fit needs"),
            Field(
                group, "target_windows", \.memoryTargetWindows,
                "windows the trend fit aims for (fewer for a long sawtooth)"),
            Field(
                group, "min_trend_consistency", \.memoryMinTrendConsistency,
                "Kendall tau between time and the window minima needed (1 = rises every window)"),
            Field(
                group, "gpu_memory_capacity", \.gpuMemoryCapacity,
                "GPU memory in GB for the time-to-capacity projection when the log has no "
                    + "memory.total; null: none (--gpu-memory sets it too)"),
            Field(
                group, "short_rise_percent", \.memoryShortRisePercent,
                "a series too short to fit that rose at least this % is reported as info"),
        ]
    }

    private static var thresholds: [Field] {
        [
            Field(
                "gpu_underutilized", "enabled", \.gpuUnderutilizedEnabled,
                "run the low GPU utilisation detector"),
            Field(
                "gpu_underutilized", "severity", \.gpuUnderutilizedSeverity,
                "severity of low GPU utilisation"),
            Field(
                "gpu_underutilized", "percent", \.gpuUnderutilizedPercent,
                "utilisation below this % is low (source document: 50)"),
            Field(
                "gpu_underutilized", "min_seconds", \.gpuUnderutilizedMinSeconds,
                "low utilisation must last this many seconds"),
            Field(
                "gpu_overheat", "enabled", \.gpuOverheatEnabled,
                "run the GPU temperature detector"),
            Field("gpu_overheat", "severity", \.gpuOverheatSeverity, "severity of a hot GPU"),
            Field(
                "gpu_overheat", "celsius", \.gpuOverheatCelsius,
                "temperatures above this, in C, are too hot (source document: 85)"),
            Field(
                "gpu_overheat", "min_seconds", \.gpuOverheatMinSeconds,
                "a high temperature must last this many seconds"),
        ] + resourcePressure
    }

    private static var resourcePressure: [Field] {
        let group = "resource_pressure"
        return [
            Field(group, "enabled", \.resourcePressureEnabled, "run the host resource detector"),
            Field(
                group, "host_memory_percent", \.hostMemoryPercent,
                "host memory above this % is pressure (source document: 90)"),
            Field(
                group, "host_memory_severity", \.hostMemorySeverity,
                "severity of host memory pressure"),
            Field(
                group, "disk_percent", \.diskPercent,
                "disk use above this % is pressure (source document: 85)"),
            Field(group, "disk_severity", \.diskSeverity, "severity of disk pressure"),
            Field(
                group, "cpu_percent", \.cpuPercent,
                "CPU use above this % is pressure (source document: 95)"),
            Field(group, "cpu_severity", \.cpuSeverity, "severity of CPU pressure"),
            Field(
                group, "min_seconds", \.resourcePressureMinSeconds,
                "host pressure must last this many seconds"),
        ]
    }

    private static var stretches: [Field] {
        let group = "threshold_stretches"
        return [
            Field(
                group, "min_samples", \.stretchMinSamples,
                "gpu_underutilized, gpu_overheat, resource_pressure: consecutive samples a "
                    + "threshold stretch needs (one sample is none)"),
            Field(
                group, "min_steps_untimed", \.stretchMinStepsUntimed,
                "without timestamps, steps a threshold stretch must span"),
            Field(
                group, "cooldown_seconds", \.stretchCooldownSeconds,
                "stretches closer than this many seconds are one incident"),
            Field(
                group, "cooldown_steps", \.stretchCooldownSteps,
                "without timestamps, stretches closer than this many steps join"),
            Field(
                group, "tolerance", \.stretchTolerance,
                "safe samples a stretch tolerates before it ends (sensor flicker)"),
        ]
    }

    private static var endedEarly: [Field] {
        [
            Field(
                "ranks_ended_early", "intervals", \.endedEarlyIntervals,
                "a rank whose log stops more than this many logging intervals before the run's "
                    + "last step (or time) is reported as ended early (a hung or crashed worker)")
        ]
    }
}
