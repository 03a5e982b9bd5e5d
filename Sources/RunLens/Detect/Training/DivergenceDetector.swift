/// `divergence`: the training loss going NaN/Inf, a gradient norm that stays NaN/Inf or
/// that the loss follows, and the smoothed loss rising well above its running minimum.
///
/// A NaN/Inf gradient norm alone is what fp16 loss scaling logs on a skipped step: a
/// short run of them (fewer than `gradientRunLength` in a row, with the loss staying
/// finite) is reported once per series at info; so is a long run during which the
/// rank's loss scale was being cut, since that is `loss_scale_collapse`'s to report.
/// Validation and other metrics are not looked at: a NaN in an eval row is no divergence.
/// State per series is a handful of numbers plus the stretches found.
public final class DivergenceDetector: Detector, SeriesRunObserver {
    /// The incident id.
    public let ids = ["divergence"]
    let settings: DivergenceSettings
    var descriptors: [SeriesDescriptor] = []
    var nonFinite = SeriesStates<NonFiniteTracker>()
    var rises = SeriesStates<RiseTracker>()
    var scales = SeriesStates<StepHistory>()
    /// The buckets the loss-scale histories share.
    private static let scaleBudget = StepHistory.budget(capacity: 512)
    private var watch: [Axis?] = []

    /// Creates the detector with `settings`.
    public init(settings: DivergenceSettings = DivergenceSettings()) {
        self.settings = settings
    }

    /// Starts tracking a train loss, gradient norm or loss scale series.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        let role = descriptor.info.role
        let watched = role == .trainLoss || role == .gradNorm
        descriptors.append(descriptor)
        nonFinite.append(watched ? NonFiniteTracker(gap: settings.cooldown) : nil)
        rises.append(role == .trainLoss ? RiseTracker(settings: settings) : nil)
        scales.append(
            role == .lossScale ? StepHistory(capacity: 512) : nil, sharing: Self.scaleBudget,
            rank: descriptor.rank)
        let used = watched || role == .lossScale
        watch.append(settings.enabled && used ? descriptor.axis : nil)
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

        nonFinite.update(index) { $0.observe(point, position: position) }
        rises.update(index) { $0.observe(point, position: position) }
        scales.update(index) { $0.add(step: position, time: point.time, value: point.value) }
    }

    /// Keeps the rises still under way when the log ended.
    public func finish() {
        for index in rises.indices { rises.update(index) { $0.finish() } }
    }

    /// Takes the points of one series, each tracker in turn over the whole run.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        nonFinite.update(index) { $0.observe(run, on: axis) }
        rises.update(index) { $0.observe(run, on: axis) }
        scales.update(index) { history in
            run.forEach(on: axis) { history.add(step: $1, time: $0.time, value: $0.value) }
        }
    }

    /// Drops the histories, once the incidents are known.
    public func releaseState() {
        scales.removeAll()
    }

    /// One incident per divergence and rank, plus one info incident per gradient norm
    /// series for its isolated non-finite values; of the losses judged (``LossParts``).
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        let judged = descriptors.indices.filter(LossParts(descriptors).judges)
        let byRank = Dictionary(grouping: judged) { descriptors[$0].key.rank }
        return byRank.keys.sorted().flatMap { rank in
            incidents(series: byRank[rank] ?? [], context: context)
        }
    }
}
