#if canImport(Glibc)
    import Glibc
#endif

/// Follows one validation series against the train loss of its rank: overfitting is
/// validation above `ratio` × the train loss, or validation rising at `rises`
/// evaluations in a row while the train loss falls.
///
/// The train loss at an evaluation is the mean of its last `trainPoints` points from the
/// last tenth of the steps since the evaluation before (at least the nearest point): the
/// train loss of the evaluation's own time, whether the log has a point per epoch or per
/// step. The ratio is judged only where that train loss is above 0; a ratio to a loss at or
/// below 0 (a Gaussian NLL, an ELBO) says nothing.
///
/// A rise is a higher value, whatever its sign; "the train loss fell" compares the train
/// mean since the previous evaluation with the mean over the interval before. The rises of
/// a run must together climb more than `minRise` of the first value's size and, once ten
/// evaluations give the evaluations' own noise, more than `noiseMargin` standard
/// deviations of the difference of two of them; before that each rise must be `minRise`.
/// A run that climbed far enough holds for as long as it goes on rising.
/// A NaN evaluation is a missing value (Keras writes `nan` where no validation ran). Two
/// evaluations at the same step (one re-stamped after a resume) keep the later one without
/// judging a rise.
struct EvalTracker {
    /// One evaluation with the train loss around it.
    struct Evaluation {
        var point: Point
        var position: Double
        /// The train points the evaluation is held against.
        var level: MeanBucket?
        var interval: Double?

        /// The train loss at the evaluation.
        var train: Double? { level?.mean }
    }

    /// One stretch of evaluations breaking the rule, starting at the earliest evaluation
    /// either rule flags: the first rise of a rising run, else the first evaluation.
    struct Episode {
        var start: Point
        var startPosition: Double
        var first: Evaluation
        var last: Point
        var byRatio: Bool
        /// The rising run: its first evaluation and its last five.
        var rising: [Evaluation]
        /// The rises in the run.
        var rises = 0
        /// The evaluations' noise the rising run was judged against, if it could be measured.
        var noise: Double?
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
    /// Whether the rising run has climbed far enough: it holds for as long as it rises,
    /// whatever the noise measured later.
    private var climbed = false
    private var recent = EvalNoise()
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
            recent.replaceLast(point.value)
            return
        }

        let evaluation = evaluation(point, position: position, after: previous, train: train)
        recent.add(point.value)
        trackRise(evaluation)
        let level = evaluation.train
        let byRatio = level.map { $0 > 0 && point.value > settings.ratio * $0 } ?? false
        let noise = recent.noise
        let rises = streak.count - 1 >= max(1, settings.rises)
        let byRise = rises && (climbed || risesCount(noise: noise))
        climbed = byRise
        if byRatio || byRise {
            fire(evaluation, byRatio: byRatio, byRise: byRise, noise: noise)
        } else {
            miss()
        }
        previous = evaluation
    }

    /// The evaluation with the train points of its own time and the train mean since the
    /// evaluation `before`.
    private func evaluation(
        _ point: Point, position: Double, after before: Evaluation?, train: MeanHistory?
    ) -> Evaluation {
        let start = before?.position ?? train?.firstStep ?? position
        let level = train?.trailing(
            points: max(1, settings.trainPoints), atOrBefore: position,
            after: position - max(0, position - start) / 10)
        let interval = before.flatMap { before in
            train.map { $0.summary(after: before.position, through: position) }
        }.flatMap { $0.count > 0 ? $0.mean : nil }
        return Evaluation(point: point, position: position, level: level, interval: interval)
    }

    private mutating func trackRise(_ evaluation: Evaluation) {
        guard let previous, let now = evaluation.interval,
            let before = previous.interval ?? previous.train,
            evaluation.point.value > previous.point.value, now < before
        else {
            streak.removeAll()
            return
        }
        if streak.isEmpty { streak.append(previous) }
        streak.append(evaluation)
    }

    /// Whether the rising run climbed far enough: more than `minRise` of its first value's
    /// size and `noiseMargin` standard deviations of a difference of two evaluations, or,
    /// while the noise is unknown, `minRise` at each rise.
    private func risesCount(noise: Double?) -> Bool {
        guard let first = streak.first?.point.value, let last = streak.last?.point.value else {
            return false
        }
        guard let noise else {
            return zip(streak.dropFirst(), streak).allSatisfy { now, before in
                now.point.value - before.point.value > settings.minRise * abs(before.point.value)
            }
        }
        let climb = last - first
        return climb > settings.minRise * abs(first)
            && climb > settings.noiseMargin * noise * 2.0.squareRoot()
    }

    private mutating func fire(
        _ evaluation: Evaluation, byRatio: Bool, byRise: Bool, noise: Double?
    ) {
        misses = 0
        let rising = byRise ? streak : []
        let start = rising.dropFirst().first ?? evaluation
        if open, let index = episodes.indices.last {
            if start.position < episodes[index].startPosition {
                episodes[index].start = start.point
                episodes[index].startPosition = start.position
                episodes[index].rising = Self.shown(rising)
                episodes[index].rises = rising.count - 1
                episodes[index].noise = noise
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
                last: evaluation.point, byRatio: byRatio, rising: Self.shown(rising),
                rises: max(0, rising.count - 1), noise: byRise ? noise : nil,
                peak: evaluation.point.value, peakTrain: evaluation.train, shown: [evaluation]))
        open = true
    }

    /// The first evaluation of a rising run and its last five.
    private static func shown(_ rising: [Evaluation]) -> [Evaluation] {
        guard let first = rising.first, rising.count > 6 else { return rising }
        return [first] + rising.suffix(5)
    }

    private mutating func miss() {
        misses += 1
        if misses >= max(1, settings.patience) { open = false }
    }

    private mutating func rewind() {
        previous = nil
        streak.removeAll()
        climbed = false
        recent = EvalNoise()
        open = false
        misses = 0
    }
}
