/// Every detector family, built from one configuration, run alongside one analysis.
public final class DetectorSuite {
    /// The detectors, in family order.
    public let detectors: [Detector]

    /// Builds the detectors of every family from `settings`.
    public init(
        fleet: FleetSettings = FleetSettings(), serving: ServingSettings = ServingSettings()
    ) {
        detectors = FleetDetectors.make(fleet) + ServingDetectors.make(serving)
    }

    /// Registers every detector with `analyzer` before it runs.
    public func register(with analyzer: Analyzer) {
        for detector in detectors { analyzer.addObserver(detector) }
    }

    /// The incidents of every detector, once the analysis has run.
    public func incidents(for result: AnalysisResult) -> [Incident] {
        let context = result.detectionContext
        return detectors.flatMap { $0.incidents(in: context) }
    }

    /// The request statistics, when the log held requests.
    public var servingSummary: ServingSummary? {
        ServingDetectors.summary(of: detectors)
    }
}
