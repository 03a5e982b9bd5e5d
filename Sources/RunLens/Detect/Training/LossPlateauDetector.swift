// TODO(#3): without a logged learning rate the warm-up is unknown, so a loss that barely
// moves while the rate ramps up can still read as a plateau; telling a warm-up from the
// loss curve's own shape would fix it.
// TODO(#3): without a logged learning rate a loss that fell by half and then stalls mid-run
// (the rate still high) reads as settled and is not reported; telling a stall (an abrupt stop
// of a steady fall) from settling (a fall that slows towards a floor) by the curve's own
// shape would fix it.
/// `loss_plateau`: the training loss no longer improving over a long stretch.
///
/// See `PlateauTracker` for the rule. The source document's rule (the last 100 steps'
/// mean above 1.1 × the mean of steps −500..−100) only catches a loss that rises; a run
/// that never learns keeps a flat loss and passes it, so the windows here scale with the
/// run and a loss that has not yet fallen `learnedFall` below its opening level must make
/// at least `minImprovement` of progress. A loss that fell that far and then went flat has
/// settled (the end of a cosine schedule), which is no plateau unless the rank's logged
/// learning rate was still at least `settledRate` of its highest (a stall).
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
    private var rates = SeriesStates<RateLevels>()
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
        rates.append(rate ? RateLevels() : nil)
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
        rates.update(index) { $0.observe(point, position: position) }
        trackers.update(index) { $0.observe(point, position: position) }
        if point.value.isFinite { lastPoints[index] = point }
    }

    /// Takes the points of one series.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        warmups.update(index) { tracker in
            run.forEach(on: axis) { tracker.observe($0, position: $1) }
        }
        rates.update(index) { levels in
            run.forEach(on: axis) { levels.observe($0, position: $1) }
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
        rates.removeAll()
    }

    /// One incident per plateau, of the losses judged (``LossParts``).
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        let parts = LossParts(descriptors)
        return trackers.indices.filter(parts.judges).flatMap { index -> [Incident] in
            guard let tracker = trackers[index] else { return [] }
            let warmup = warmup(of: index)
            let start = warmup.map { descriptors[index].position(of: $0) } ?? -.infinity
            let rateIsHigh = rateIsHigh(for: index)
            return tracker.episodes(after: start, rateIsHigh: rateIsHigh).map { episode in
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

    /// Where the learning rate of the loss series `index`'s rank stopped warming up: of
    /// its rates (``rateSeries(for:)``), the latest end of those that rose; `nil` without a
    /// warm-up.
    private func warmup(of index: Int) -> Point? {
        let risen = rateSeries(for: index).compactMap { warmups[$0] }.filter(\.rose)
        return risen.max { $0.endPosition < $1.endPosition }?.end
    }

    /// The learning-rate series that speak for the loss series `index`: its rank's own,
    /// else those logged without a rank; several when each parameter group logs one
    /// (YOLOv5's `x/lr0` falls to its rate while `x/lr1` rises).
    private func rateSeries(for index: Int) -> [Int] {
        let rank = descriptors[index].rank
        let rates = warmups.indices.filter { warmups.tracks($0) }
        let own = rates.filter { descriptors[$0].rank == rank }
        return own.isEmpty ? rates.filter { descriptors[$0].rank == nil } : own
    }

    /// Whether any learning rate of the loss series `index` was still at least
    /// `settledRate` of its highest over a stretch; false when none was logged.
    private func rateIsHigh(for index: Int) -> (ClosedRange<Double>) -> Bool {
        let levels = rateSeries(for: index).compactMap { rates[$0] }
        let share = settings.settledRate
        return { range in levels.contains { $0.isHigh(over: range, share: share) == true } }
    }

    private func incident(_ episode: PlateauTracker.Episode, series index: Int) -> Incident {
        let descriptor = descriptors[index]
        let rising = episode.kind == .rising
        let threshold =
            episode.older * (rising ? 1 + settings.maxRise : 1 - settings.minImprovement)
        let (recent, older) = EvidenceText.pair(episode.recent, episode.older)
        let message =
            "\(descriptor.name) \(Self.verb(episode.kind)): mean \(recent)"
            + " over steps \(range(episode.recentRange)) against"
            + " \(older) over steps \(range(episode.olderRange))"
            + " (\(comparison(episode)))"
        var incident = Incident(
            severity: settings.severity, detector: "loss_plateau", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, peak: episode.recent,
            threshold: threshold, count: episode.count, message: message,
            evidence: evidence(episode))
        incident.startStep = descriptor.axis == .step ? episode.start.rounded() : nil
        incident.startTime = episode.startTime.isFinite ? episode.startTime : nil
        incident.endStep = episode.last.step.isFinite ? episode.last.step : nil
        incident.endTime = episode.last.time.isFinite ? episode.last.time : nil
        return incident
    }

    /// What the loss did, in the message's words.
    private static func verb(_ kind: PlateauTracker.Kind) -> String {
        switch kind {
        case .rising: "rose"
        case .stalled: "stopped improving"
        case .settled: "stopped improving while the learning rate was still high"
        }
    }

    /// The improvement against the rule the judgement broke.
    private func comparison(_ episode: PlateauTracker.Episode) -> String {
        episode.kind == .rising
            ? Self.comparison(episode.improvement, maxRise: settings.maxRise)
            : Self.comparison(episode.improvement, rule: settings.minImprovement)
    }

    private func evidence(_ episode: PlateauTracker.Episode) -> [String] {
        var lines = [
            "windows scale with the run: the older one starts"
                + " \(EvidenceText.percent(settings.lookback)) of the run back, each covers"
                + " \(EvidenceText.percent(settings.span)) of it",
            "the rule held at \(episode.count) checks, the last at"
                + " \(EvidenceText.position(episode.last))",
        ]
        if episode.kind == .settled {
            lines.append(
                "the loss had fallen \(EvidenceText.percent(settings.learnedFall)) or more below"
                    + " its opening level, but the learning rate was still at least"
                    + " \(EvidenceText.percent(settings.settledRate)) of its highest: a stall")
        }
        if episode.leftOut > 0 {
            lines.append(
                "\(CountPhrase.of(episode.leftOut, "outlying point")) left out of the window"
                    + " means (step buckets far outside the window's quartiles)")
        }
        return lines
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
        let decimals = decimals(apart: improvement, rule)
        let change = change(improvement, decimals: decimals)
        return "\(change); rule: at least \(percent(rule, decimals: decimals)) better"
    }

    /// `10.04% worse; rule: at most 10.00% worse`: a rise against `maxRise`, with the
    /// digits that keep a rise past the rule from printing equal to it.
    static func comparison(_ improvement: Double, maxRise: Double) -> String {
        let decimals = decimals(apart: -improvement, maxRise)
        let change = change(improvement, decimals: decimals)
        return "\(change); rule: at most \(percent(maxRise, decimals: decimals)) worse"
    }

    /// One decimal, or more until `value` and `rule` print apart (at most 9).
    private static func decimals(apart value: Double, _ rule: Double) -> Int {
        var decimals = 1
        while decimals < 9,
            NumberFormat.fixed(value * 100, decimals: decimals)
                == NumberFormat.fixed(rule * 100, decimals: decimals)
        {
            decimals += 1
        }
        return decimals
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
