extension FleetSettings {
    /// The config keys: the property names.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case stragglerEnabled, stragglerSeverity, stragglerFactor, stragglerMinWindows
        case stragglerGapWindows, stragglerWindowSteps, stragglerMinExcessShare
        case stragglerWarmupFraction, memoryGrowthEnabled, memoryGrowthSeverity
        case memoryGrowthPercentPerHour, memoryGrowthUntimedPercent, memoryWarmupFraction
        case memoryWarmupSeconds, memoryMinPoints, memoryMinSpanSeconds, memoryMinWindows
        case memoryTargetWindows, memoryMinTrendConsistency, gpuMemoryCapacity
        case memoryShortRisePercent, gpuUnderutilizedEnabled, gpuUnderutilizedSeverity
        case gpuUnderutilizedPercent, gpuUnderutilizedMinSeconds, gpuOverheatEnabled
        case gpuOverheatSeverity, gpuOverheatCelsius, gpuOverheatMinSeconds
        case resourcePressureEnabled, hostMemoryPercent, hostMemorySeverity, diskPercent
        case diskSeverity, cpuPercent, cpuSeverity, resourcePressureMinSeconds, stretchMinSamples
        case stretchMinStepsUntimed, stretchCooldownSeconds, stretchCooldownSteps
        case stretchTolerance
    }

    /// Reads the keys a config sets; every missing key keeps its default.
    public init(from decoder: Decoder) throws {
        self.init()
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let decoded = try keys.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }

        try read(.stragglerEnabled, &stragglerEnabled)
        try read(.stragglerSeverity, &stragglerSeverity)
        try read(.stragglerFactor, &stragglerFactor)
        try read(.stragglerMinWindows, &stragglerMinWindows)
        try read(.stragglerGapWindows, &stragglerGapWindows)
        stragglerWindowSteps = try keys.decodeIfPresent(Double.self, forKey: .stragglerWindowSteps)
        try read(.stragglerMinExcessShare, &stragglerMinExcessShare)
        try read(.stragglerWarmupFraction, &stragglerWarmupFraction)

        try read(.memoryGrowthEnabled, &memoryGrowthEnabled)
        try read(.memoryGrowthSeverity, &memoryGrowthSeverity)
        try read(.memoryGrowthPercentPerHour, &memoryGrowthPercentPerHour)
        try read(.memoryGrowthUntimedPercent, &memoryGrowthUntimedPercent)
        try read(.memoryWarmupFraction, &memoryWarmupFraction)
        try read(.memoryWarmupSeconds, &memoryWarmupSeconds)
        try read(.memoryMinPoints, &memoryMinPoints)
        try read(.memoryMinSpanSeconds, &memoryMinSpanSeconds)
        try read(.memoryMinWindows, &memoryMinWindows)
        try read(.memoryTargetWindows, &memoryTargetWindows)
        try read(.memoryMinTrendConsistency, &memoryMinTrendConsistency)
        gpuMemoryCapacity = try keys.decodeIfPresent(Double.self, forKey: .gpuMemoryCapacity)
        try read(.memoryShortRisePercent, &memoryShortRisePercent)

        try read(.gpuUnderutilizedEnabled, &gpuUnderutilizedEnabled)
        try read(.gpuUnderutilizedSeverity, &gpuUnderutilizedSeverity)
        try read(.gpuUnderutilizedPercent, &gpuUnderutilizedPercent)
        try read(.gpuUnderutilizedMinSeconds, &gpuUnderutilizedMinSeconds)
        try read(.gpuOverheatEnabled, &gpuOverheatEnabled)
        try read(.gpuOverheatSeverity, &gpuOverheatSeverity)
        try read(.gpuOverheatCelsius, &gpuOverheatCelsius)
        try read(.gpuOverheatMinSeconds, &gpuOverheatMinSeconds)

        try read(.resourcePressureEnabled, &resourcePressureEnabled)
        try read(.hostMemoryPercent, &hostMemoryPercent)
        try read(.hostMemorySeverity, &hostMemorySeverity)
        try read(.diskPercent, &diskPercent)
        try read(.diskSeverity, &diskSeverity)
        try read(.cpuPercent, &cpuPercent)
        try read(.cpuSeverity, &cpuSeverity)
        try read(.resourcePressureMinSeconds, &resourcePressureMinSeconds)

        try read(.stretchMinSamples, &stretchMinSamples)
        try read(.stretchMinStepsUntimed, &stretchMinStepsUntimed)
        try read(.stretchCooldownSeconds, &stretchCooldownSeconds)
        try read(.stretchCooldownSteps, &stretchCooldownSteps)
        try read(.stretchTolerance, &stretchTolerance)
    }

    /// One line per setting key, for `runlens config --print-defaults`.
    public static let explanations: [String: String] = [
        "stragglerEnabled": "run the straggler detector",
        "stragglerSeverity": "severity of a straggler incident",
        "stragglerFactor":
            "a rank is slow when its own work (data or compute time) exceeds this many times "
            + "the median of the other ranks (source document: 1.2)",
        "stragglerMinWindows": "consecutive slow windows before a rank is a straggler",
        "stragglerGapWindows": "clean windows that may interrupt a straggler without ending it",
        "stragglerWindowSteps": "window width in steps; unset chooses 10-50 logged steps",
        "stragglerMinExcessShare":
            "a slowdown must cost at least this share of a step (0.02 = 2%) to count",
        "stragglerWarmupFraction": "share of the run at its start that is not scored",
        "memoryGrowthEnabled": "run the memory-growth detector",
        "memoryGrowthSeverity": "severity of a memory-growth incident",
        "memoryGrowthPercentPerHour":
            "fire when the memory floor grows faster than this, %/hour (source document: 10)",
        "memoryGrowthUntimedPercent":
            "without timestamps or step times: fire when the floor grows more than this % overall",
        "memoryWarmupFraction": "share of a memory series at its start skipped as warm-up",
        "memoryWarmupSeconds":
            "seconds skipped as warm-up when more than the fraction (at most a quarter)",
        "memoryMinPoints": "points the trend fit needs after warm-up",
        "memoryMinSpanSeconds": "seconds the trend fit needs after warm-up",
        "memoryMinWindows": "windows of per-window minima the trend fit needs",
        "memoryTargetWindows": "windows the trend fit aims for (fewer for a long sawtooth)",
        "memoryMinTrendConsistency":
            "Kendall tau between time and the window minima needed (1 = rises every window)",
        "gpuMemoryCapacity":
            "GPU memory in GB for the time-to-capacity projection when the log has no "
            + "memory.total (--gpu-memory)",
        "memoryShortRisePercent":
            "a series too short to fit that rose at least this % is reported as info",
        "gpuUnderutilizedEnabled": "run the low GPU utilisation detector",
        "gpuUnderutilizedSeverity": "severity of low GPU utilisation",
        "gpuUnderutilizedPercent": "utilisation below this % is low (source document: 50)",
        "gpuUnderutilizedMinSeconds": "low utilisation must last this many seconds",
        "gpuOverheatEnabled": "run the GPU temperature detector",
        "gpuOverheatSeverity": "severity of a hot GPU",
        "gpuOverheatCelsius": "temperatures above this, in C, are too hot (source document: 85)",
        "gpuOverheatMinSeconds": "a high temperature must last this many seconds",
        "resourcePressureEnabled": "run the host resource detector",
        "hostMemoryPercent": "host memory above this % is pressure (source document: 90)",
        "hostMemorySeverity": "severity of host memory pressure",
        "diskPercent": "disk use above this % is pressure (source document: 85)",
        "diskSeverity": "severity of disk pressure",
        "cpuPercent": "CPU use above this % is pressure (source document: 95)",
        "cpuSeverity": "severity of CPU pressure",
        "resourcePressureMinSeconds": "host pressure must last this many seconds",
        "stretchMinSamples": "consecutive samples a threshold stretch needs (one sample is none)",
        "stretchMinStepsUntimed": "without timestamps, steps a threshold stretch must span",
        "stretchCooldownSeconds": "stretches closer than this many seconds are one incident",
        "stretchCooldownSteps": "without timestamps, stretches closer than this many steps join",
        "stretchTolerance": "safe samples a stretch tolerates before it ends (sensor flicker)",
    ]
}
