/// `loss_plateau`: the training loss no longer improving over a long stretch.
///
/// See `PlateauTracker` for the rule. The source document's rule (the last 100 steps'
/// mean above 1.1 × the mean of steps −500..−100) only catches a loss that rises; a run
/// that never learns keeps a flat loss and passes it, so the windows here scale with the
/// run and the rule asks for at least `minImprovement` of progress.
public final class LossPlateauDetector: Detector {
    /// The incident id.
    public let ids = ["loss_plateau"]
    let settings: LossPlateauSettings
    private var descriptors: [SeriesDescriptor] = []
    private var trackers: [PlateauTracker?] = []
    private var lastPoints: [Point?] = []
    private var watch: [Axis?] = []

    /// Creates the detector with `settings`.
    public init(settings: LossPlateauSettings = LossPlateauSettings()) {
        self.settings = settings
    }

    /// Starts tracking a train loss series.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        descriptors.append(descriptor)
        let watched = settings.enabled && descriptor.info.role == .trainLoss
        trackers.append(watched ? PlateauTracker(settings: settings) : nil)
        watch.append(watched ? descriptor.axis : nil)
        lastPoints.append(nil)
    }

    /// Only the series it watches.
    public func wantsPoints(ofSeries index: Int) -> Bool {
        index < watch.count && watch[index] != nil
    }

    /// Takes a final point.
    public func observe(series index: Int, point: Point) {
        guard index < watch.count, let axis = watch[index] else { return }
        let position = axis.position(of: point)
        guard position.isFinite else { return }
        trackers[index]?.observe(point, position: position)
        if point.value.isFinite { lastPoints[index] = point }
    }

    /// Judges each series at its last point.
    public func finish() {
        for index in trackers.indices { trackers[index]?.finish(last: lastPoints[index]) }
    }

    /// One incident per plateau.
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        return trackers.indices.flatMap { index in
            (trackers[index]?.episodes ?? []).map { incident($0, series: index) }
        }
    }

    private func incident(_ episode: PlateauTracker.Episode, series index: Int) -> Incident {
        let descriptor = descriptors[index]
        let threshold = episode.older * (1 - settings.minImprovement)
        let message =
            "\(descriptor.name) stopped improving: mean \(EvidenceText.value(episode.recent))"
            + " over steps \(range(episode.recentRange)) against"
            + " \(EvidenceText.value(episode.older)) over steps \(range(episode.olderRange))"
            + " (\(EvidenceText.percent(episode.improvement)) better; rule: at least"
            + " \(EvidenceText.percent(settings.minImprovement)))"
        var incident = Incident(
            severity: settings.severity, detector: "loss_plateau", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, peak: episode.recent,
            threshold: threshold, count: episode.count, message: message,
            evidence: [
                "windows scale with the run: the older one starts"
                    + " \(EvidenceText.percent(settings.lookback)) of the run back, each covers"
                    + " \(EvidenceText.percent(settings.span)) of it",
                "the rule held at \(episode.count) checks, the last at"
                    + " \(EvidenceText.position(episode.last))",
            ])
        incident.startStep = descriptor.axis == .step ? episode.start.rounded() : nil
        incident.startTime = episode.startTime.isFinite ? episode.startTime : nil
        incident.endStep = episode.last.step.isFinite ? episode.last.step : nil
        incident.endTime = episode.last.time.isFinite ? episode.last.time : nil
        return incident
    }

    private func range(_ range: ClosedRange<Double>) -> String {
        let lower = NumberFormat.exact(range.lowerBound.rounded())
        return "\(lower)–\(NumberFormat.exact(range.upperBound.rounded()))"
    }
}
