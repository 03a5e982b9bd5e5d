/// The serving family: request statistics with their detectors, and the eval-score
/// detector.
public enum ServingDetectors {
    /// The detectors for `settings`: a `ServingMonitor` (also a `RequestObserver`: register
    /// it with `RunAssembler.addRequestObserver`) and a `QualityRegressionDetector`.
    public static func make(_ settings: ServingSettings = ServingSettings()) -> [Detector] {
        [ServingMonitor(settings: settings), QualityRegressionDetector(settings: settings)]
    }

    /// One cause, one incident: a burst of failed requests is an `error_rate` incident,
    /// and the error-rate and availability SLO findings over the same minutes are its
    /// evidence, not incidents of their own. Latency SLO findings stay separate.
    public static let absorbs: [String: [String]] = [
        "error_rate": ["slo_violation/error_rate", "slo_violation/availability"]
    ]

    /// Adds each detector to `assembler` as a series observer, and those that observe
    /// requests as request observers too.
    public static func register(_ detectors: [Detector], with assembler: RunAssembler) {
        for detector in detectors {
            assembler.addObserver(detector)
            if let requests = detector as? RequestObserver {
                assembler.addRequestObserver(requests)
            }
        }
    }

    /// The request statistics among `detectors`, when a monitor saw requests.
    public static func summary(of detectors: [Detector]) -> ServingSummary? {
        detectors.lazy.compactMap { ($0 as? ServingMonitor)?.summary() }.first
    }
}
