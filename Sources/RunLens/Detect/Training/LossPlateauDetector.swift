// TODO(#3): without a logged learning rate the warm-up is unknown, so a loss that barely
// moves while the rate ramps up can still read as a plateau; telling a warm-up from the
// loss curve's own shape would fix it.
/// `loss_plateau`: the training loss no longer improving over a long stretch.
///
/// See `PlateauTracker` for the rule. The source document's rule (the last 100 steps'
/// mean above 1.1 × the mean of steps −500..−100) only catches a loss that rises; a run
/// that never learns keeps a flat loss and passes it, so the windows here scale with the
/// run and the rule asks for at least `minImprovement` of progress.
///
/// While the rank's learning rate is still warming up the loss is not judged: a loss that
/// barely moves while the rate ramps up from almost nothing is the warm-up working, not
/// a stall. The warm-up ends where the logged learning rate first reaches the top of its
/// opening rise (`WarmupTracker`); a run that logs no learning rate is judged throughout.
public final class LossPlateauDetector: Detector, SeriesRunObserver {
    /// The incident id.
    public let ids = ["loss_plateau"]
    let settings: LossPlateauSettings
    private var descriptors: [SeriesDescriptor] = []
    private var trackers = SeriesStates<PlateauTracker>()
    /// The buckets the trackers' histories share.
    private static let historyBudget = SumsHistory.budget(capacity: 512)
    private var lastPoints: [Point?] = []
    private var warmups = SeriesStates<WarmupTracker>()
    private var watch: [Axis?] = []

    /// Creates the detector with `settings`.
    public init(settings: LossPlateauSettings = LossPlateauSettings()) {
        self.settings = settings
    }

    /// Starts tracking a train loss series.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        descriptors.append(descriptor)
        let watched = settings.enabled && descriptor.info.role == .trainLoss
        let rate = settings.enabled && descriptor.info.role == .learningRate
        trackers.append(
            watched ? PlateauTracker(settings: settings) : nil, sharing: Self.historyBudget,
            rank: descriptor.rank)
        warmups.append(rate ? WarmupTracker() : nil)
        watch.append(watched || rate ? descriptor.axis : nil)
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
        warmups.update(index) { $0.observe(point, position: position) }
        trackers.update(index) { $0.observe(point, position: position) }
        if point.value.isFinite { lastPoints[index] = point }
    }

    /// Takes the points of one series.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        warmups.update(index) { tracker in
            run.forEach(on: axis) { tracker.observe($0, position: $1) }
        }
        trackers.update(index) { $0.observe(run, on: axis) }
        // The run's last point with a finite value and position, found from the end.
        for position in run.positions.reversed() {
            let point = run.points[position].point
            guard axis.position(of: point).isFinite, point.value.isFinite else { continue }
            lastPoints[index] = point
            break
        }
    }

    /// Judges each series at its last point.
    public func finish() {
        for index in trackers.indices {
            trackers.update(index) { $0.finish(last: lastPoints[index]) }
        }
    }

    /// Drops the trackers, once the incidents are known.
    public func releaseState() {
        trackers.removeAll()
        warmups.removeAll()
    }

    /// One incident per plateau, of the losses judged (``LossParts``).
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        let parts = LossParts(descriptors)
        return trackers.indices.filter(parts.judges).flatMap { index -> [Incident] in
            guard let tracker = trackers[index] else { return [] }
            let warmup = warmup(of: index)
            let start = warmup.map { descriptors[index].position(of: $0) } ?? -.infinity
            return tracker.episodes(after: start).map { episode in
                var incident = incident(episode, series: index)
                if let warmup {
                    incident.evidence.append(
                        "judged after the learning-rate warm-up, which ended at"
                            + " \(EvidenceText.position(warmup))")
                }
                return incident
            }
        }
    }

    /// Where the learning rate of the loss series `index`'s rank stopped warming up: the
    /// rank's own rates, else those logged without a rank; of several (one per parameter
    /// group: YOLOv5's `x/lr0` falls to its rate while `x/lr1` rises), the latest end of those
    /// that rose; `nil` without a warm-up.
    private func warmup(of index: Int) -> Point? {
        let rank = descriptors[index].rank
        let rates = warmups.indices.filter { warmups.tracks($0) }
        let own = rates.filter { descriptors[$0].rank == rank }
        let chosen = own.isEmpty ? rates.filter { descriptors[$0].rank == nil } : own
        let risen = chosen.compactMap { warmups[$0] }.filter(\.rose)
        return risen.max { $0.endPosition < $1.endPosition }?.end
    }

    private func incident(_ episode: PlateauTracker.Episode, series index: Int) -> Incident {
        let descriptor = descriptors[index]
        let threshold = episode.older * (1 - settings.minImprovement)
        let (recent, older) = EvidenceText.pair(episode.recent, episode.older)
        let message =
            "\(descriptor.name) stopped improving: mean \(recent)"
            + " over steps \(range(episode.recentRange)) against"
            + " \(older) over steps \(range(episode.olderRange))"
            + " (\(Self.comparison(episode.improvement, rule: settings.minImprovement)))"
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

    /// The steps a window's mean covers: its first and last logged step.
    private func range(_ range: ClosedRange<Double>) -> String {
        let lower = NumberFormat.exact(range.lowerBound)
        return "\(lower)–\(NumberFormat.exact(range.upperBound))"
    }

    /// `0.96% better; rule: at least 1.00% better`: `improvement` and the `rule`, with the
    /// digits (one decimal, or more) that keep an improvement short of the rule from
    /// printing equal to it.
    static func comparison(_ improvement: Double, rule: Double) -> String {
        var decimals = 1
        while decimals < 9,
            NumberFormat.fixed(improvement * 100, decimals: decimals)
                == NumberFormat.fixed(rule * 100, decimals: decimals)
        {
            decimals += 1
        }
        let change = change(improvement, decimals: decimals)
        return "\(change); rule: at least \(percent(rule, decimals: decimals)) better"
    }

    /// `3.2% better`, `12.5% worse` or `no better`.
    private static func change(_ improvement: Double, decimals: Int) -> String {
        if improvement > 0 { return "\(percent(improvement, decimals: decimals)) better" }
        if improvement < 0 { return "\(percent(-improvement, decimals: decimals)) worse" }
        return "no better"
    }

    private static func percent(_ fraction: Double, decimals: Int) -> String {
        "\(NumberFormat.fixed(fraction * 100, decimals: decimals))%"
    }
}
