/// `overfitting`: validation loss worsening against the train loss, per validation
/// series (each `val_loss_<domain>` on its own) and rank. A part of the validation loss
/// (`val/box_loss`) is held against the training part of its name (`train/box_loss`).
///
/// See `EvalTracker` for the rule. The train loss of each rank is summarised in step
/// buckets, so evaluations can be judged whatever order the series' points arrive in;
/// evaluations are held (they are sparse) and judged at the end.
public final class OverfittingDetector: Detector, SeriesRunObserver {
    /// The incident id.
    public let ids = ["overfitting"]
    let settings: OverfittingSettings
    private var descriptors: [SeriesDescriptor] = []
    private var evals = SeriesStates<EvalTracker>()
    private var trains = SeriesStates<MeanHistory>()
    /// The buckets the training-loss histories share.
    private static let trainBudget = MeanHistory.budget(capacity: 1024)
    private var trainPositions: [Double] = []
    /// The train loss series by rank and part (`""` for a whole loss): the first of each.
    private var trainByRank: [TrainKey: Int] = [:]
    private var watch: [Axis?] = []
    /// Whether a validation series exists: judging one reads the train loss so far, so
    /// from then on the points must come in batch order.
    private(set) var takesRuns = true

    /// Creates the detector with `settings`.
    public init(settings: OverfittingSettings = OverfittingSettings()) {
        self.settings = settings
    }

    /// Starts tracking validation series and the first train loss series of each rank and
    /// loss part.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        let role = descriptor.info.role
        let index = descriptors.count
        let key = TrainKey(descriptor)
        let isTrain = role == .trainLoss && trainByRank[key] == nil
        if isTrain { trainByRank[key] = index }

        descriptors.append(descriptor)
        evals.append(role == .valLoss ? EvalTracker(settings: settings) : nil)
        trains.append(
            isTrain ? MeanHistory(capacity: 1024) : nil, sharing: Self.trainBudget,
            rank: descriptor.rank)
        trainPositions.append(-.infinity)
        let watched = settings.enabled && (isTrain || role == .valLoss)
        watch.append(watched ? descriptor.axis : nil)
        if watched && !isTrain { takesRuns = false }
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

        if trains.tracks(index) {
            if position < trainPositions[index] {
                trains.update(index) { $0.truncate(from: position) }
            }
            trainPositions[index] = position
            trains.update(index) { $0.add(step: position, time: point.time, value: point.value) }
        } else if evals.update(index, { $0.hold(point, position: position) }) == true {
            judge(index)
        }
    }

    /// Takes the points of one series while no validation series exists.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index], trains.tracks(index) else {
            return run.forEach { observe(series: index, point: $0) }
        }
        var last = trainPositions[index]
        var count = 0
        trains.update(index) { history in
            history.add(run, on: axis, feed: MeanHistory.Feed(), last: &last, count: &count)
        }
        trainPositions[index] = last
    }

    /// Judges every held evaluation.
    public func finish() {
        for index in evals.indices where evals.tracks(index) { judge(index) }
    }

    /// Drops the trackers and histories, once the incidents are known.
    public func releaseState() {
        evals.removeAll()
        trains.removeAll()
    }

    /// One incident per stretch of evaluations breaking the rule, of the validation losses
    /// judged (``LossParts``).
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        let parts = LossParts(descriptors)
        return evals.indices.filter(parts.judges).flatMap { index in
            (evals[index]?.episodes ?? []).map { incident($0, series: index, context: context) }
        }
    }

    private func judge(_ index: Int) {
        let train = trainIndex(for: TrainKey(descriptors[index])).flatMap { trains[$0] }
        evals.update(index) { $0.judgePending(train: train) }
    }

    /// The train loss of the rank's part, else its whole loss; else that of the series logged
    /// without a rank, else of the lowest rank.
    private func trainIndex(for key: TrainKey) -> Int? {
        let whole = TrainKey(rank: key.rank, part: "")
        if let index = trainByRank[key] ?? trainByRank[whole] { return index }
        for rank in [-1] + trainByRank.keys.map(\.rank).sorted() {
            let own = TrainKey(rank: rank, part: key.part)
            if let index = trainByRank[own] ?? trainByRank[TrainKey(rank: rank, part: "")] {
                return index
            }
        }
        return trainByRank.min { ($0.key.rank, $0.value) < ($1.key.rank, $1.value) }?.value
    }

    private func incident(
        _ episode: EvalTracker.Episode, series index: Int, context: DetectionContext
    ) -> Incident {
        let descriptor = descriptors[index]
        // The threshold the peak broke: the ratio to the train loss at the peak's evaluation.
        let train = episode.peakTrain ?? .nan
        var incident = Incident(
            severity: settings.severity, detector: "overfitting", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, peak: episode.peak,
            threshold: train > 0 ? train * settings.ratio : nil, count: episode.count,
            message: message(episode, name: descriptor.name), evidence: evidence(episode))
        incident.span(from: episode.start, to: episode.last)
        incident.location = context.location(of: episode.start)
        return incident
    }

    private func message(_ episode: EvalTracker.Episode, name: String) -> String {
        let first = episode.first
        guard episode.byRatio, let train = first.train else {
            var values = episode.rising.map { EvidenceText.value($0.point.value) }
            if episode.rises + 1 > values.count { values.insert("…", at: 1) }
            return "\(name) rose at \(episode.rises) evaluations in a row"
                + " (\(values.joined(separator: " → "))) while the train loss fell; rule:"
                + " \(risingRule(noise: episode.noise))"
        }
        let ratio = first.point.value / train
        return "\(name) \(EvidenceText.value(first.point.value)) at"
            + " \(EvidenceText.position(first.point)) is \(times(ratio)) the train loss"
            + " \(EvidenceText.value(train)); rule: above \(EvidenceText.times(settings.ratio))"
    }

    /// The rising rule as it was judged: against the evaluations' noise, or rise by rise
    /// while there were too few evaluations to measure it.
    private func risingRule(noise: Double?) -> String {
        let rises = "\(settings.rises) rises in a row"
        guard let noise else {
            return "\(rises) of more than \(EvidenceText.percent(settings.minRise)) each"
        }
        let margin = settings.noiseMargin * noise * 2.0.squareRoot()
        return "\(rises) climbing more than \(EvidenceText.percent(settings.minRise)) and"
            + " \(EvidenceText.value(margin)) (\(EvidenceText.value(settings.noiseMargin)) ×"
            + " σ√2, σ \(EvidenceText.value(noise)) the evaluations' noise)"
    }

    /// `ratio` as `1.51×`, with a third decimal where two would read as the rule's own
    /// multiple (1.505 is not "1.50×, above 1.50×").
    private func times(_ ratio: Double) -> String {
        let text = EvidenceText.times(ratio)
        guard text == EvidenceText.times(settings.ratio), ratio < 100 else { return text }
        return "\(NumberFormat.fixed(ratio, decimals: 3))×"
    }

    private func evidence(_ episode: EvalTracker.Episode) -> [String] {
        let shown = episode.rising.isEmpty ? episode.shown : episode.rising
        var lines = shown.map { evaluation in
            let train = evaluation.level.map { " against train \(trainText($0))" } ?? ""
            return "\(EvidenceText.value(evaluation.point.value)) at"
                + " \(EvidenceText.position(evaluation.point))\(train)"
        }
        lines.append(
            "train loss at an evaluation: mean of its last \(settings.trainPoints) points from"
                + " the last tenth of the steps since the evaluation before (at least the"
                + " nearest); \(episode.count) evaluations broke the rule")
        return lines
    }

    /// `0.7365 (step 300)`, or `0.7576 (mean of 3 points, steps 280–300)`.
    private func trainText(_ level: MeanBucket) -> String {
        let value = EvidenceText.value(level.mean)
        let last = NumberFormat.exact(level.lastStep)
        guard level.count > 1 else { return "\(value) (step \(last))" }
        return "\(value) (mean of \(level.count) points, steps"
            + " \(NumberFormat.exact(level.firstStep))–\(last))"
    }

    /// A rank and a loss part.
    private struct TrainKey: Hashable {
        var rank: Int32
        var part: String

        init(rank: Int32, part: String) {
            self.rank = rank
            self.part = part
        }

        init(_ descriptor: SeriesDescriptor) {
            self.init(rank: descriptor.key.rank, part: descriptor.info.lossPart ?? "")
        }
    }
}
