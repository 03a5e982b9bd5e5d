/// Follows one validation series against the train loss of its rank: overfitting is
/// validation above `ratio` × the train loss, or validation rising at `rises`
/// evaluations in a row while the train loss falls.
///
/// The train loss at an evaluation is the mean of its last `trainPoints` points; "the
/// train loss fell" compares the train mean since the previous evaluation with the mean
/// over the interval before. A NaN evaluation is a missing value (Keras writes `nan`
/// where no validation ran). Two evaluations at the same step (one re-stamped after a
/// resume) keep the later one without judging a rise.
struct EvalTracker {
    /// One evaluation with the train loss around it.
    struct Evaluation {
        var point: Point
        var position: Double
        var train: Double?
        var interval: Double?
    }

    /// One stretch of evaluations breaking the rule, starting at the earliest evaluation
    /// either rule flags: the first rise of a rising run, else the first evaluation.
    struct Episode {
        var start: Point
        var startPosition: Double
        var first: Evaluation
        var last: Point
        var byRatio: Bool
        var rising: [Evaluation]
        var peak: Double
        /// The train loss at the evaluation of the peak, for the threshold it broke.
        var peakTrain: Double?
        var count = 1
        var shown: [Evaluation]
    }

    let settings: OverfittingSettings
    private(set) var episodes: [Episode] = []
    private(set) var pending: [(point: Point, position: Double)] = []
    private var previous: Evaluation?
    private var streak: [Evaluation] = []
    private var misses = 0
    private var open = false

    /// The most evaluations held before they are judged.
    static let maxPending = 4096

    /// Creates a tracker with `settings`.
    init(settings: OverfittingSettings) {
        self.settings = settings
    }

    /// Holds an evaluation until the train loss around it is known; returns true when the
    /// buffer is full and should be judged now.
    mutating func hold(_ point: Point, position: Double) -> Bool {
        guard point.value.isFinite else { return false }
        pending.append((point, position))
        return pending.count >= Self.maxPending
    }

    /// Judges every held evaluation against `train`.
    mutating func judgePending(train: MeanHistory?) {
        let held = pending
        pending.removeAll(keepingCapacity: true)
        for item in held { judge(item.point, position: item.position, train: train) }
    }

    private mutating func judge(_ point: Point, position: Double, train: MeanHistory?) {
        if let previous, position < previous.position { rewind() }
        if var previous, position == previous.position {
            previous.point = point
            self.previous = previous
            return
        }

        let level = train?.trailing(points: settings.trainPoints, atOrBefore: position)?.mean
        let interval = previous.flatMap { before in
            train.map { $0.summary(after: before.position, through: position) }
        }.flatMap { $0.count > 0 ? $0.mean : nil }
        let evaluation = Evaluation(
            point: point, position: position, train: level, interval: interval)

        trackRise(evaluation)
        let byRatio = level.map { $0 > 0 && point.value > settings.ratio * $0 } ?? false
        let byRise = streak.count - 1 >= max(1, settings.rises)
        if byRatio || byRise {
            fire(evaluation, byRatio: byRatio, byRise: byRise)
        } else {
            miss()
        }
        previous = evaluation
    }

    private mutating func trackRise(_ evaluation: Evaluation) {
        guard let previous, let now = evaluation.interval,
            let before = previous.interval ?? previous.train,
            evaluation.point.value > previous.point.value * (1 + settings.minRise), now < before
        else {
            streak.removeAll()
            return
        }
        if streak.isEmpty { streak.append(previous) }
        streak.append(evaluation)
    }

    private mutating func fire(_ evaluation: Evaluation, byRatio: Bool, byRise: Bool) {
        misses = 0
        let rising = byRise ? streak : []
        let start = rising.dropFirst().first ?? evaluation
        if open, let index = episodes.indices.last {
            if start.position < episodes[index].startPosition {
                episodes[index].start = start.point
                episodes[index].startPosition = start.position
                episodes[index].rising = Array(rising.suffix(6))
            }
            episodes[index].last = evaluation.point
            if evaluation.point.value > episodes[index].peak {
                episodes[index].peak = evaluation.point.value
                episodes[index].peakTrain = evaluation.train
            }
            episodes[index].count += 1
            if episodes[index].shown.count < 6 { episodes[index].shown.append(evaluation) }
            return
        }
        guard episodes.count < NonFiniteTracker.maxEpisodes else { return }

        episodes.append(
            Episode(
                start: start.point, startPosition: start.position, first: evaluation,
                last: evaluation.point, byRatio: byRatio,
                rising: Array(rising.suffix(6)), peak: evaluation.point.value,
                peakTrain: evaluation.train, shown: [evaluation]))
        open = true
    }

    private mutating func miss() {
        misses += 1
        if misses >= max(1, settings.patience) { open = false }
    }

    private mutating func rewind() {
        previous = nil
        streak.removeAll()
        open = false
        misses = 0
    }
}
