#if canImport(Glibc)
    import CMalloc
#endif

/// Every detector family, built from one configuration, run alongside one analysis.
public final class DetectorSuite {
    /// The detectors, in family order.
    public let detectors: [Detector]

    /// Merges, absorbs and counts incidents across detectors.
    public let builder: IncidentBuilder

    /// Builds the detectors of every family from their settings.
    public init(
        training: TrainingSettings = TrainingSettings(), fleet: FleetSettings = FleetSettings(),
        serving: ServingSettings = ServingSettings(),
        alertStorm: AlertStormSettings = AlertStormSettings()
    ) {
        detectors =
            TrainingDetectors.make(training) + FleetDetectors.make(fleet)
            + ServingDetectors.make(serving)
        var rules = TrainingDetectors.rules(training)
        rules.absorbs.merge(ServingDetectors.absorbs) { $0 + $1 }
        alertStorm.apply(to: &rules)
        builder = IncidentBuilder(rules: rules)
    }

    /// Builds the detectors from a configuration file's settings.
    public convenience init(config: RunLensConfig) {
        self.init(
            training: config.training, fleet: config.fleet, serving: config.serving,
            alertStorm: config.alertStorm)
    }

    /// Registers every detector with `analyzer` before it runs.
    public func register(with analyzer: Analyzer) {
        for detector in detectors { analyzer.addObserver(detector) }
    }

    /// The incidents of every detector, once the analysis has run.
    public func incidents(for result: AnalysisResult) -> [Incident] {
        let context = result.detectionContext
        // TODO(#8): a resume further back than the points held back leaves the replaced
        // pass's final points in the detectors' data, so a failure the restart undid can
        // still fail the run. Telling its incidents apart by where they start was tried and
        // taken back: detectors merge the replaced pass's firings with the new pass's on the
        // same steps, so a failure that recurred after the restart passed as the old one's.
        // Detectors that keep each firing's pass (or a larger hold-back) would fix it.
        return builder.build(detectors.flatMap { $0.incidents(in: context) })
    }

    /// Gives back what the detectors hold, once their incidents are known (see
    /// ``Detector/releaseState()``): the reports, made after, do not need it.
    public func releaseState() {
        for detector in detectors { detector.releaseState() }
        #if canImport(Glibc)
            // Freed on the observer thread, in a heap of its own, which the reports made on
            // other threads would not reuse: give the free pages back.
            malloc_trim(0)
        #endif
    }

    /// Gives each latency series whose name states no unit the scale the request statistics
    /// read it in (``ServingMonitor/unstatedUnitScale(of:)``), so that its chart and the
    /// digest's figures are in the same milliseconds as the serving section; call once the
    /// analysis has run.
    public func adoptGuessedUnits(in result: inout AnalysisResult) {
        guard let monitor = detectors.lazy.compactMap({ $0 as? ServingMonitor }).first else {
            return
        }
        for index in result.series.indices where result.series[index].unitUnstated {
            guard let role = result.series[index].role,
                let factor = monitor.unstatedUnitScale(of: role)
            else { continue }
            result.series[index].scale *= factor
        }
    }

    /// The request statistics, when the log held requests.
    public var servingSummary: ServingSummary? {
        ServingDetectors.summary(of: detectors)
    }
}
