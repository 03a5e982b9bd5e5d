/// Every detector family, built from one configuration, run alongside one analysis.
public final class DetectorSuite {
    /// The detectors, in family order.
    public let detectors: [Detector]

    /// Merges, absorbs and counts incidents across detectors.
    public let builder: IncidentBuilder

    /// Builds the detectors of every family from their settings.
    public init(
        training: TrainingSettings = TrainingSettings(), fleet: FleetSettings = FleetSettings(),
        serving: ServingSettings = ServingSettings()
    ) {
        detectors =
            TrainingDetectors.make(training) + FleetDetectors.make(fleet)
            + ServingDetectors.make(serving)
        var rules = TrainingDetectors.rules(training)
        rules.absorbs.merge(ServingDetectors.absorbs) { $0 + $1 }
        builder = IncidentBuilder(rules: rules)
    }

    /// Builds the detectors from a configuration file's settings.
    public convenience init(config: RunLensConfig) {
        self.init(training: config.training, fleet: config.fleet, serving: config.serving)
    }

    /// Registers every detector with `analyzer` before it runs.
    public func register(with analyzer: Analyzer) {
        for detector in detectors { analyzer.addObserver(detector) }
    }

    /// The incidents of every detector, once the analysis has run; those that start among
    /// the points of a replaced pass that stayed in the data come last, as info
    /// (``ReplacedPasses``).
    public func incidents(for result: AnalysisResult) -> [Incident] {
        let context = result.detectionContext
        let passes = ReplacedPasses(resumes: result.overview.resumes, files: result.files)
        let found = passes.split(detectors.flatMap { $0.incidents(in: context) })
        // Kept apart, so that none merges with an incident of the pass that replaced it.
        return builder.build(found.kept) + builder.mergeCooldowns(found.replaced)
    }

    /// The request statistics, when the log held requests.
    public var servingSummary: ServingSummary? {
        ServingDetectors.summary(of: detectors)
    }
}
