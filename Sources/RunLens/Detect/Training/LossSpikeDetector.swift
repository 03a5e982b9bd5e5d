/// `loss_spike`: the training loss jumping above its trailing level, each jump judged
/// afterwards as recovered (with the steps it cost), partly recovered or diverged.
///
/// See `SpikeTracker` for the rule. Only train loss series are watched; a divergence on
/// the same rank absorbs the spikes inside it (`IncidentBuilder`). A slow bump (the loss
/// climbing over several points to a spike's height) is reported only when the loss came
/// back, fully or partly: one that stays high is `divergence`'s rise for good, and a rise
/// that came back is what `divergence` withdraws. Jumps joined within the cooldown are told
/// each with its own end; a loss at or below zero is judged by the sign-free rule, and says so.
public final class LossSpikeDetector: Detector, SeriesRunObserver {
    /// The incident id.
    public let ids = ["loss_spike"]
    let settings: LossSpikeSettings
    private var descriptors: [SeriesDescriptor] = []
    private var trackers = SeriesStates<SpikeTracker>()
    private var watch: [Axis?] = []

    /// Creates the detector with `settings`.
    public init(settings: LossSpikeSettings = LossSpikeSettings()) {
        self.settings = settings
    }

    /// Starts tracking a train loss series.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        descriptors.append(descriptor)
        let watched = settings.enabled && descriptor.info.role == .trainLoss
        trackers.append(watched ? SpikeTracker(settings: settings) : nil)
        watch.append(watched ? descriptor.axis : nil)
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
        trackers.update(index) { $0.observe(point, position: position) }
    }

    /// Takes the points of one series.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        trackers.update(index) { tracker in
            run.forEach(on: axis) { tracker.observe($0, position: $1) }
        }
    }

    /// Judges the spikes still being followed.
    public func finish() {
        for index in trackers.indices { trackers.update(index) { $0.finish() } }
    }

    /// One incident per spike, of the losses judged (``LossParts``).
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        let parts = LossParts(descriptors)
        return trackers.indices.filter(parts.judges).flatMap { index in
            (trackers[index]?.episodes ?? []).filter(Self.reported).map {
                incident($0, series: index, context: context)
            }
        }
    }

    /// A spike always; a bump when the loss came back.
    private static func reported(_ episode: SpikeTracker.Episode) -> Bool {
        switch episode.outcome {
        case .recovered, .partlyRecovered: true
        case .diverged, .unknown: !episode.bump
        }
    }

    private func incident(
        _ episode: SpikeTracker.Episode, series index: Int, context: DetectionContext
    ) -> Incident {
        let descriptor = descriptors[index]
        let message = "\(descriptor.name) \(words(episode))"
        var incident = Incident(
            severity: settings.severity, detector: "loss_spike", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, peak: episode.peak.value,
            threshold: episode.threshold, count: episode.count, message: message,
            evidence: evidence(episode))
        incident.span(from: episode.first, to: episode.last)
        incident.location = context.location(of: episode.first)
        return incident
    }
}
