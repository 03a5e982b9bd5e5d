/// Every detector family, built from one configuration, run alongside one analysis.
public final class DetectorSuite {
    /// The detectors, in family order.
    public let detectors: [Detector]
    /// Cooldowns, one cause one incident, and the alert storm, over every family.
    public let builder: IncidentBuilder

    /// Builds the detectors of every family from `settings`.
    public init(
        training: TrainingSettings = TrainingSettings(), fleet: FleetSettings = FleetSettings(),
        serving: ServingSettings = ServingSettings()
    ) {
        detectors =
            TrainingDetectors.make(training) + FleetDetectors.make(fleet)
            + ServingDetectors.make(serving)
        builder = IncidentBuilder(rules: TrainingDetectors.rules(training))
    }

    /// Registers every detector with `analyzer` before it runs.
    public func register(with analyzer: Analyzer) {
        for detector in detectors { analyzer.addObserver(detector) }
    }

    /// The incidents of every detector, once the analysis has run, through the builder.
    public func incidents(for result: AnalysisResult) -> [Incident] {
        let context = result.detectionContext
        return builder.build(detectors.flatMap { $0.incidents(in: context) })
    }

    /// The request statistics, when the log held requests.
    public var servingSummary: ServingSummary? {
        ServingDetectors.summary(of: detectors)
    }
}
