/// The fleet and hardware detectors.
public enum FleetDetectors {
    /// Every enabled fleet detector, configured by `settings`: `straggler`,
    /// `memory_growth`, `gpu_underutilized`, `gpu_overheat` and `resource_pressure`.
    public static func make(_ settings: FleetSettings = FleetSettings()) -> [Detector] {
        var detectors: [Detector] = []
        if settings.stragglerEnabled { detectors.append(StragglerDetector(settings: settings)) }
        if settings.memoryGrowthEnabled {
            detectors.append(MemoryGrowthDetector(settings: settings))
        }
        let stretchRules = rules(settings)
        var ids: [String] = []
        for rule in stretchRules where !ids.contains(rule.id) { ids.append(rule.id) }
        for id in ids {
            let group = stretchRules.filter { $0.id == id }
            detectors.append(StretchDetector(rules: group, settings: settings))
        }
        return detectors
    }

    /// The threshold rules of the enabled GPU and host detectors.
    static func rules(_ settings: FleetSettings) -> [StretchRule] {
        var rules: [StretchRule] = []
        if settings.gpuUnderutilizedEnabled {
            rules.append(
                StretchRule(
                    id: "gpu_underutilized", role: .gpuUtil, above: false,
                    threshold: settings.gpuUnderutilizedPercent,
                    severity: settings.gpuUnderutilizedSeverity,
                    minSeconds: settings.gpuUnderutilizedMinSeconds, unit: "%"))
        }
        if settings.gpuOverheatEnabled {
            rules.append(
                StretchRule(
                    id: "gpu_overheat", role: .gpuTemp, above: true,
                    threshold: settings.gpuOverheatCelsius, severity: settings.gpuOverheatSeverity,
                    minSeconds: settings.gpuOverheatMinSeconds, unit: " °C"))
        }
        guard settings.resourcePressureEnabled else { return rules }
        let host: [(MetricRole, Double, Severity)] = [
            (.memoryPercent, settings.hostMemoryPercent, settings.hostMemorySeverity),
            (.diskPercent, settings.diskPercent, settings.diskSeverity),
            (.cpuPercent, settings.cpuPercent, settings.cpuSeverity),
        ]
        for (role, threshold, severity) in host {
            rules.append(
                StretchRule(
                    id: "resource_pressure", role: role, above: true, threshold: threshold,
                    severity: severity, minSeconds: settings.resourcePressureMinSeconds, unit: "%"))
        }
        return rules
    }
}
